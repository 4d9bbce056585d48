"""orders(filter, first, after) and order(id)."""

from __future__ import annotations

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.pagination import DEFAULT_PAGE, Connection, check_page, connection_of, node_by_id, parse_ids
from melihub.orders import queries
from melihub.orders.graphql.types import OrderFilterInput, OrderType


def _pack_id(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise AppError("packId is not a Mercado Livre pack id", "BAD_USER_INPUT") from None


async def resolve_orders(
    info: Info, filter: OrderFilterInput | None = None, first: int = DEFAULT_PAGE, after: str | None = None
) -> Connection[OrderType]:
    principal = info.context.require(Permission.READ)
    cursor = check_page(first, after)
    given = filter or OrderFilterInput()
    filters = queries.OrderFilter(
        statuses=given.status,
        meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
        pack_id=_pack_id(given.pack_id),
        updated_since=given.updated_since,
    )
    async with info.context.session() as session:
        page = await queries.list_orders(session, principal, filters, first=first, after=cursor)
    return connection_of(page, OrderType.of)


async def resolve_order(info: Info, id: strawberry.ID) -> OrderType | None:
    return await node_by_id(info, id, queries.get_order, OrderType.of)


@strawberry.type
class OrdersQuery:
    orders: Connection[OrderType] = strawberry.field(
        resolver=resolve_orders, description="Orders of the linked accounts, most recently changed first."
    )
    order: OrderType | None = strawberry.field(resolver=resolve_order)
