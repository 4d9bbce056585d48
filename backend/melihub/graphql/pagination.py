"""Relay connections over the keyset pages of ``melihub.db.paging``: cursors, page checks, sorting.

Every list field takes ``first``/``after`` (forward) or ``last``/``before`` (backward), 1 to 100; a
larger value is an error, never a silent cap. A cursor is opaque: the sort it belongs to, the row's sort
value and its id, base64url-encoded; a cursor of another sort, or not ours, is ``BAD_USER_INPUT``.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, Protocol, TypeVar

import strawberry

from melihub.accounts.permissions import Permission
from melihub.db.paging import Ordering, Page, PageRequest, Position
from melihub.graphql.context import Context, Info
from melihub.graphql.errors import AppError
from melihub.graphql.prefetch import Wanted, wanted_under_nodes
from melihub.graphql.relay import not_found, parse_global_id

MAX_PAGE = 100
DEFAULT_PAGE = 50

NodeT = TypeVar("NodeT")
Row = TypeVar("Row")
Filters = TypeVar("Filters")


@strawberry.enum(description="Ascending (oldest, smallest, A first) or descending.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


def _tagged(value: Any) -> list[Any]:
    if value is None:
        return ["z", None]
    if isinstance(value, datetime):
        return ["d", value.isoformat()]
    if isinstance(value, Decimal):
        return ["n", str(value)]
    if isinstance(value, bool | int):
        return ["i", int(value)]
    return ["s", str(value)]


def _untagged(kind: str, value: Any) -> Any:
    readers: dict[str, Callable[[Any], Any]] = {
        "z": lambda _: None,
        "d": lambda v: datetime.fromisoformat(str(v)),
        "n": lambda v: Decimal(str(v)),
        "i": int,
        "s": str,
    }
    return readers[kind](value)


def encode_cursor(ordering: Ordering, position: Position) -> str:
    payload = json.dumps([ordering.name, *_tagged(position.value), str(position.row_id)], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: Ordering, argument: str) -> Position:
    """The position a cursor names; BAD_USER_INPUT when it is not ours or belongs to another sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        name, kind, value, row_id = json.loads(raw)
        if name != ordering.name:
            raise ValueError("another sort")
        return Position(_untagged(kind, value), uuid.UUID(row_id))
    except (ValueError, TypeError, KeyError, UnicodeDecodeError, binascii.Error, RecursionError):
        raise AppError(f"{argument} is not a cursor of this list and sort", "BAD_USER_INPUT") from None


@dataclass(frozen=True)
class PageArgs:
    """The four paging arguments as a field received them."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


def page_request(args: PageArgs, ordering: Ordering) -> PageRequest:
    """Validate the paging arguments; forward with ``DEFAULT_PAGE`` rows when neither size is given."""
    if args.first is not None and args.last is not None:
        raise AppError("pass first or last, not both", "BAD_USER_INPUT")
    for name, size in (("first", args.first), ("last", args.last)):
        if size is not None and not 1 <= size <= MAX_PAGE:
            raise AppError(f"{name} must be between 1 and {MAX_PAGE}, got {size}", "BAD_USER_INPUT")
    first = args.first if args.first is not None or args.last is not None else DEFAULT_PAGE
    return PageRequest(
        first=first,
        after=decode_cursor(args.after, ordering, "after") if args.after else None,
        last=args.last,
        before=decode_cursor(args.before, ordering, "before") if args.before else None,
        ordering=ordering,
    )


@strawberry.type(description="Where a page starts and ends, and whether pages follow or precede it.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The nodes of this page, in order (the edges' nodes without cursors).")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many objects the whole list holds with these filters (one extra count).")
    async def total_count(self) -> int:
        return await self._count()


def connection_of(
    info: Info, page: Page[Row], ordering: Ordering, node_of: Callable[[Row], NodeT]
) -> Connection[NodeT]:
    """A connection from a page of rows: ``node_of`` builds each node; cursors are row positions."""

    async def count() -> int:
        async with info.context.session() as session:
            return await page.count(session)

    slice_ = zip(page.rows, page.positions, strict=True)
    return _connection(ordering, slice_, node_of, page.has_next, page.has_previous, count)


def _connection(
    ordering: Ordering,
    rows: Iterable[tuple[Row, Position]],
    node_of: Callable[[Row], NodeT],
    has_next: bool,
    has_previous: bool,
    count: Callable[[], Awaitable[int]],
) -> Connection[NodeT]:
    edges = [Edge(cursor=encode_cursor(ordering, position), node=node_of(row)) for row, position in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )


ListRows = Callable[..., Awaitable[Page[Any]]]
Prime = Callable[[Context, list[Any], Wanted], Awaitable[None]]


async def page_of(
    info: Info,
    list_rows: ListRows,
    filters: Callable[[], Awaitable[Filters]],
    node_of: Callable[[Any], NodeT],
    args: PageArgs,
    ordering: Ordering,
    permission: Permission = Permission.READ,
    prime: Prime | None = None,
) -> Connection[NodeT]:
    """A page of the rows the caller may read, as a connection: the list twin of ``node_by_id``.

    ``filters`` is built only once the caller is known and the page checked, so those errors come first;
    ``prime`` loads what the nodes' selected nested fields need before they resolve.
    """
    principal = info.context.require(permission)
    request = page_request(args, ordering)
    given = await filters()
    async with info.context.session() as session:
        page = await list_rows(session, principal, given, request)
    if prime is not None and page.rows:
        await prime(info.context, page.rows, wanted_under_nodes(info))
    return connection_of(info, page, ordering, node_of)


LoadOne = Callable[[Any, Any, uuid.UUID], Awaitable[Any]]


async def node_by_id(
    info: Info,
    id: strawberry.ID,
    type_name: str,
    load: LoadOne,
    node_of: Callable[[Any], NodeT],
    permission: Permission = Permission.READ,
) -> NodeT | None:
    """One object by its global id; NOT_FOUND (and null) when malformed, of another type, or not visible."""
    principal = info.context.require(permission)
    row_id = parse_global_id(id, "id", type_name)
    async with info.context.session() as session:
        row = await load(session, principal, row_id)
    if row is None:
        raise not_found("id", id)
    return node_of(row)


class SortInput(Protocol):
    """A list's ``sort: {field, direction}`` argument (each list has its own field enum)."""

    @property
    def field(self) -> Enum: ...

    @property
    def direction(self) -> SortDirection: ...


def ordering_of(
    sort: SortInput | None, sorts: dict[str, Callable[[bool], Ordering]], default: str = "UPDATED_AT"
) -> Ordering:
    """The domain's ordering for a ``sort`` argument (default: newest change first)."""
    if sort is None:
        return sorts[default](True)
    return sorts[sort.field.value](sort.direction is SortDirection.DESC)


def connection_from_rows(
    rows: list[Row],
    node_of: Callable[[Row], NodeT],
    args: PageArgs,
    *,
    sort_name: str,
    value_of: Callable[[Row], Any],
    id_of: Callable[[Row], uuid.UUID],
) -> Connection[NodeT]:
    """A connection over a short list already in memory (members, tokens, accounts: tens of rows).

    Same arguments, limits and cursor format as the keyset lists; ``rows`` must be in list order.
    """
    ordering = Ordering(None, None, name=sort_name)
    request = page_request(args, ordering)
    positions = [Position(value_of(row), id_of(row)) for row in rows]
    start, end = 0, len(rows)
    if request.after is not None and request.after in positions:
        start = positions.index(request.after) + 1
    if request.before is not None and request.before in positions:
        end = positions.index(request.before)
    if request.last is not None:
        begin = max(start, end - request.last)
        window = range(begin, end)
        has_next, has_previous = end < len(rows), begin > start or start > 0
    else:
        assert request.first is not None
        stop = min(end, start + request.first)
        window = range(start, stop)
        has_next, has_previous = stop < end or end < len(rows), start > 0
    total = len(rows)

    async def count() -> int:
        return total

    return _connection(ordering, ((rows[i], positions[i]) for i in window), node_of, has_next, has_previous, count)
