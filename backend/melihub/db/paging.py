"""Keyset paging and visibility for the read-side lists of Mercado Livre resources.

Every list is ordered most recently changed first, on ``(synced_at, id)`` descending; a cursor is that
pair of the last row seen. The domain ``queries`` modules build their filters on ``visible`` and hand the
query to ``fetch_page``; the GraphQL layer (``melihub.graphql.pagination``) encodes cursors and connections.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import and_, or_, true
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from melihub.accounts.principal import Principal
from melihub.db.base import MeliResource

Cursor = tuple[datetime, uuid.UUID]
"""The sort key of the last row of a page: (synced_at, id)."""

Row = TypeVar("Row")
Resource = TypeVar("Resource", bound=MeliResource)


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


def position_of(row: MeliResource) -> Cursor:
    """Where a row stands in the order: the cursor that pages after it."""
    return row.synced_at, row.id


def newest_first(model: type[MeliResource]) -> tuple[UnaryExpression[datetime], UnaryExpression[uuid.UUID]]:
    return col(model.synced_at).desc(), col(model.id).desc()


def account_scope(principal: Principal, requested: Sequence[uuid.UUID] | None) -> list[uuid.UUID] | None:
    """The Mercado Livre accounts a list may show: the requested ones the caller sees; None means all."""
    allowed = principal.meli_account_ids
    if allowed is None:
        return list(requested) if requested else None
    return [a for a in requested if a in allowed] if requested else list(allowed)


def visible(
    model: type[Resource], principal: Principal, requested: Sequence[uuid.UUID] | None = None
) -> SelectOfScalar[Resource]:
    """SELECT of the caller's tenant's rows, limited to the accounts the caller may (and asked to) see.

    Row-level security already confines the session to the tenant; the filters stay as defence in depth.
    """
    query = select(model).where(model.tenant_id == principal.tenant_id)
    accounts = account_scope(principal, requested)
    if accounts is not None:
        query = query.where(col(model.meli_account_id).in_(accounts))
    return query


async def fetch_page(
    session: AsyncSession, query: SelectOfScalar[Resource], model: type[Resource], *, first: int, after: Cursor | None
) -> Page[Resource]:
    """The ``first`` rows of ``query`` after the cursor, most recently changed first."""
    paged = query.where(changed_before(model, after)).order_by(*newest_first(model)).limit(first + 1)
    rows = list((await session.exec(paged)).all())
    return Page(rows=rows[:first], has_next=len(rows) > first)
