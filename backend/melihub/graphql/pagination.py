"""Keyset pagination shared by the read-side lists: cursors, page checks and Relay-style connections.

Every Mercado Livre resource list is ordered most recently changed first, on ``(synced_at, id)``
descending; a cursor is that pair of the last row seen, base64-encoded. The SQL side of paging lives in
``melihub.db.paging``; this module turns its pages into GraphQL connections.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Generic, TypeVar

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import MeliResource
from melihub.db.paging import Cursor, Page, position_of
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError

MAX_PAGE = 200
DEFAULT_PAGE = 50

Node = TypeVar("Node")
Row = TypeVar("Row", bound=MeliResource)
Filters = TypeVar("Filters")


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


def connection_of(page: Page[Row], node_of: Callable[[Row], Node]) -> Connection[Node]:
    """A GraphQL connection from a page of rows: ``node_of`` builds each node; cursors are row positions."""
    edges = [Edge(cursor=encode_cursor(position_of(row)), node=node_of(row)) for row in page.rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None),
    )


async def page_of(
    info: Info,
    list_rows: Callable[..., Awaitable[Page[Row]]],
    filters: Callable[[], Filters],
    node_of: Callable[[Row], Node],
    *,
    first: int,
    after: str | None,
) -> Connection[Node]:
    """A page of the rows the caller may read, as a connection: the list twin of ``node_by_id``.

    ``filters`` is built only once the caller is known and the page checked, so those errors come first.
    """
    principal = info.context.require(Permission.READ)
    cursor = check_page(first, after)
    given = filters()
    async with info.context.session() as session:
        page = await list_rows(session, principal, given, first=first, after=cursor)
    return connection_of(page, node_of)


async def node_by_id(
    info: Info,
    id: strawberry.ID,
    load: Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[Row | None]],
    node_of: Callable[[Row], Node],
) -> Node | None:
    """One row by our id, as a node; None when it is not stored or not visible to the caller."""
    principal = info.context.require(Permission.READ)
    row_id = parse_id(id, "id")
    async with info.context.session() as session:
        row = await load(session, principal, row_id)
    return node_of(row) if row else None
