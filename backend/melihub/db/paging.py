"""Keyset paging, sorting and visibility for the read-side lists.

A list is ordered by one sort column, then the row id as tie-breaker, in the same direction; NULL sort
values come last in either direction. A position (the cursor's content) is that pair for one row. Pages
go forward (``first`` rows after a position) or backward (``last`` rows before one). The domain ``queries``
modules build their filters on ``visible`` and hand the query to ``fetch_page``; the GraphQL layer
(``melihub.graphql.pagination``) encodes cursors and connections.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import and_, false, func, or_, true, tuple_
from sqlalchemy.orm import QueryableAttribute, defer
from sqlalchemy.orm.interfaces import LoaderOption
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel, col
from sqlmodel import select as sqlmodel_select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from melihub.accounts.principal import Principal
from melihub.db.base import MeliResource

Row = TypeVar("Row")
Resource = TypeVar("Resource", bound=MeliResource)


@dataclass(frozen=True)
class Position:
    """Where a row stands in a sorted list: its sort value (None sorts last) and its id."""

    value: Any
    row_id: uuid.UUID


@dataclass(frozen=True)
class Ordering:
    """Sort by ``column`` then ``id_column``, both ``descending`` or both ascending, NULLs last."""

    column: Any
    id_column: Any
    descending: bool = True
    name: str = ""  # what a cursor remembers, so a cursor of another sort is refused

    def value_of(self, row: Any) -> Any:
        return getattr(row, self.column.key)

    def position_of(self, row: Any) -> Position:
        return Position(self.value_of(row), getattr(row, self.id_column.key))


@dataclass(frozen=True)
class PageRequest:
    """Exactly one of ``first``/``last``; ``after``/``before`` are positions from earlier pages."""

    first: int | None = None
    after: Position | None = None
    last: int | None = None
    before: Position | None = None
    ordering: Ordering | None = None  # None: the model's default (most recently changed first)


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of rows, in list order, the positions of its rows, and how to count the whole list."""

    rows: list[Row]
    positions: list[Position]
    has_next: bool
    has_previous: bool
    count: Callable[[AsyncSession], Awaitable[int]]


def changed_first(model: type[MeliResource]) -> Ordering:
    """The default order of Mercado Livre resource lists: most recently stored change first."""
    return Ordering(col(model.synced_at), col(model.id), descending=True, name="UPDATED_AT")


def _beyond(ordering: Ordering, position: Position, *, forward: bool) -> ColumnElement[bool]:
    """Rows strictly after ``position`` in list order (``forward``), or strictly before it."""
    column, ids = ordering.column, ordering.id_column
    later = ordering.descending != forward  # True: "after" means a greater value

    def beyond(left: Any, right: Any) -> ColumnElement[bool]:
        return left > right if later else left < right

    if not _nullable(column) and position.value is not None:
        # A row comparison is a bound the (sort, id) index can seek to; the OR form below is not.
        pair, at = tuple_(column, ids), tuple_(position.value, position.row_id)
        return pair > at if later else pair < at
    if position.value is None:  # NULLs sit at the end of the list
        tail = and_(column.is_(None), beyond(ids, position.row_id))
        return tail if forward else or_(column.is_not(None), tail)
    inside = or_(beyond(column, position.value), and_(column == position.value, beyond(ids, position.row_id)))
    return or_(inside, column.is_(None)) if forward else and_(column.is_not(None), inside)


def _nullable(column: Any) -> bool:
    expression = getattr(column, "expression", column)
    return bool(getattr(expression, "nullable", True))


def _order_by(ordering: Ordering, *, reverse: bool) -> list[Any]:
    descending = ordering.descending != reverse
    column = ordering.column.desc() if descending else ordering.column.asc()
    column = column.nulls_first() if reverse else column.nulls_last()
    return [column, ordering.id_column.desc() if descending else ordering.id_column.asc()]


async def fetch_page(session: AsyncSession, query: Any, ordering: Ordering, request: PageRequest) -> Page[Any]:
    """The requested slice of ``query``'s rows in ``ordering``; ``count`` counts the unpaged query."""
    backward = request.last is not None
    size = request.last if backward else request.first
    assert size is not None and size > 0
    paged = query
    if request.after is not None:
        paged = paged.where(_beyond(ordering, request.after, forward=True))
    if request.before is not None:
        paged = paged.where(_beyond(ordering, request.before, forward=False))
    paged = paged.order_by(*_order_by(ordering, reverse=backward)).limit(size + 1)
    rows = list((await session.exec(paged)).all())
    more = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()

    async def count(counting: AsyncSession) -> int:
        total = await counting.exec(sqlmodel_select(func.count()).select_from(query.order_by(None).subquery()))
        return int(total.one())

    return Page(
        rows=rows,
        positions=[ordering.position_of(row) for row in rows],
        has_next=more if not backward else request.before is not None,
        has_previous=more if backward else request.after is not None,
        count=count,
    )


def account_scope(principal: Principal, requested: Sequence[uuid.UUID] | None) -> list[uuid.UUID] | None:
    """The Mercado Livre accounts a list may show: the requested ones the caller sees; None means all."""
    allowed = principal.meli_account_ids
    if allowed is None:
        return list(requested) if requested else None
    return [a for a in requested if a in allowed] if requested else list(allowed)


def account_condition(column: Any, principal: Principal, requested: Sequence[uuid.UUID] | None) -> Any:
    """The WHERE clause limiting ``column`` (a meli_account_id) to what ``account_scope`` allows."""
    accounts = account_scope(principal, requested)
    if accounts is None:
        return true()
    return column.in_(accounts) if accounts else false()


def without_raw(model: type[SQLModel]) -> LoaderOption:
    """Leave ``raw`` (the payload as Mercado Livre sent it, ≈3 KB) in PostgreSQL; reading it then raises.

    No read of the API needs it, and decoding it for every row of a nested page was a tenth of the page's
    time (bench/graphql).
    """
    raw: QueryableAttribute[Any] = model.raw  # type: ignore[attr-defined]
    return defer(raw, raiseload=True)


async def visible_by_ids(
    session: AsyncSession, principal: Principal, model: type[Resource], ids: Sequence[uuid.UUID]
) -> list[Resource]:
    """The rows with these ids the caller may see (``node``/``nodes``); unseen and unknown ids are absent."""
    return list((await session.exec(visible(model, principal).where(col(model.id).in_(list(ids))))).all())


def visible(
    model: type[Resource], principal: Principal, requested: Sequence[uuid.UUID] | None = None, *, raw: bool = False
) -> SelectOfScalar[Resource]:
    """SELECT of the caller's tenant's rows, limited to the accounts the caller may (and asked to) see.

    Row-level security already confines the session to the tenant; the filters stay as defence in depth.
    ``raw`` is left out (``without_raw``) unless asked for.
    """
    query = sqlmodel_select(model)
    query = query if raw else query.options(without_raw(model))
    query = query.where(model.tenant_id == principal.tenant_id)
    return query.where(account_condition(col(model.meli_account_id), principal, requested))
