"""orders(filter, sort, first/after, last/before), order(id) and orderChanged."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.live import by_account_scope, changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, ordering_of, page_of
from melihub.orders import queries
from melihub.orders.graphql.loaders import prime_order_page
from melihub.orders.graphql.types import ORDER_TYPE, OrderFilterInput, OrderSortInput, OrderType

CHANGE_TYPE = "order"


def _pack_id(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise AppError("packId is not a Mercado Livre pack id", "BAD_USER_INPUT") from None


async def resolve_orders(
    info: Info,
    filter: OrderFilterInput | None = None,
    sort: OrderSortInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[OrderType]:
    given = filter or OrderFilterInput()

    async def filters() -> queries.OrderFilter:
        return queries.OrderFilter(
            statuses=given.status,
            meli_account_ids=await visible_account_ids(info, given.meli_account_ids),
            pack_id=_pack_id(given.pack_id),
            updated_since=given.updated_since,
            fulfilment_states=given.fulfilment_state,
            exceptions=given.exception,
            dispatch_before=given.dispatch_before,
            search=given.search,
        )

    ordering = ordering_of(sort, queries.ORDER_SORTS)
    return await page_of(
        info,
        queries.list_orders,
        filters,
        OrderType.of,
        PageArgs(first, after, last, before),
        ordering,
        prime=prime_order_page,
    )


async def resolve_order(info: Info, id: strawberry.ID) -> OrderType | None:
    return await node_by_id(info, id, ORDER_TYPE, queries.get_order, OrderType.of)


async def order_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[OrderType, None]:
    async for order, context in changed_objects(
        info, CHANGE_TYPE, meli_account_ids, queries.get_order, shared_by=by_account_scope
    ):
        yield OrderType.of(order, context)
