"""Keyset pagination shared by the read-side lists: cursors, page checks and Relay-style connections.

Every Mercado Livre resource list is ordered most recently changed first, on ``(synced_at, id)``
descending; a cursor is that pair of the last row seen, base64-encoded. The read-side query modules
(``melihub.<domain>.queries``) run the SQL; they use ``Page``, ``Cursor``, ``changed_before`` and
``account_scope`` from here, which build expressions and values but execute nothing.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

import strawberry
from sqlalchemy import and_, or_, true
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlmodel import col

from melihub.accounts.principal import Principal
from melihub.db.base import MeliResource
from melihub.graphql.errors import AppError

MAX_PAGE = 200
DEFAULT_PAGE = 50

Cursor = tuple[datetime, uuid.UUID]
"""The sort key of the last row of a page: (synced_at, id)."""

Row = TypeVar("Row")
Node = TypeVar("Node")


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of rows, in order, and whether more follow."""

    rows: list[Row]
    has_next: bool


def changed_before(model: type[MeliResource], after: Cursor | None) -> ColumnElement[bool]:
    """Rows after ``after`` in the (synced_at, id) descending order; everything when None."""
    if after is None:
        return true()
    changed_at, row_id = after
    synced_at, row = col(model.synced_at), col(model.id)
    return or_(synced_at < changed_at, and_(synced_at == changed_at, row < row_id))


def newest_first(model: type[MeliResource]) -> tuple[UnaryExpression[datetime], UnaryExpression[uuid.UUID]]:
    return col(model.synced_at).desc(), col(model.id).desc()


def account_scope(principal: Principal, requested: Sequence[uuid.UUID] | None) -> list[uuid.UUID] | None:
    """The Mercado Livre accounts a list may show: the requested ones the caller sees; None means all."""
    allowed = principal.meli_account_ids
    if allowed is None:
        return list(requested) if requested else None
    return [a for a in requested if a in allowed] if requested else list(allowed)


def encode_cursor(position: Cursor) -> str:
    changed_at, row_id = position
    return base64.urlsafe_b64encode(f"{changed_at.isoformat()}|{row_id}".encode()).decode()


def decode_cursor(cursor: str) -> Cursor:
    """The position an ``after`` argument names; BAD_USER_INPUT when it is not one of ours."""
    try:
        changed_at, _, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(changed_at), uuid.UUID(row_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise AppError("after is not a valid cursor", "BAD_USER_INPUT") from None


def check_page(first: int, after: str | None) -> Cursor | None:
    """Validate ``first`` and decode ``after``."""
    if not 1 <= first <= MAX_PAGE:
        raise AppError(f"first must be between 1 and {MAX_PAGE}", "BAD_USER_INPUT")
    return decode_cursor(after) if after else None


def parse_id(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise AppError(f"{field} is not a valid id", "BAD_USER_INPUT") from None


def parse_ids(values: Sequence[str] | None, field: str) -> list[uuid.UUID] | None:
    return [parse_id(value, field) for value in values] if values else None


@strawberry.type(description="Where a page ends and whether another follows (pass endCursor as `after`).")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[Node]):
    cursor: str
    node: Node


@strawberry.type
class Connection(Generic[Node]):
    edges: list[Edge[Node]]
    page_info: PageInfo


def connection_of(
    page: Page[Row], node_of: Callable[[Row], Node], position_of: Callable[[Row], Cursor]
) -> Connection[Node]:
    """A GraphQL connection from a page of rows: ``node_of`` builds each node, ``position_of`` its cursor."""
    edges = [Edge(cursor=encode_cursor(position_of(row)), node=node_of(row)) for row in page.rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None),
    )
