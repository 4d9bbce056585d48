"""orders(filter, first, after) and order(id)."""

from __future__ import annotations

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.pagination import DEFAULT_PAGE, Connection, node_by_id, page_of, parse_ids
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
    given = filter or OrderFilterInput()
    return await page_of(
        info,
        queries.list_orders,
        lambda: queries.OrderFilter(
            statuses=given.status,
            meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
            pack_id=_pack_id(given.pack_id),
            updated_since=given.updated_since,
        ),
        OrderType.of,
        first=first,
        after=after,
    )


async def resolve_order(info: Info, id: strawberry.ID) -> OrderType | None:
    return await node_by_id(info, id, queries.get_order, OrderType.of)


@strawberry.type
class OrdersQuery:
    orders: Connection[OrderType] = strawberry.field(
        resolver=resolve_orders, description="Orders of the linked accounts, most recently changed first."
    )
    order: OrderType | None = strawberry.field(resolver=resolve_order)
