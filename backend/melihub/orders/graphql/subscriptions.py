"""orderChanged: the order itself, loaded again for each change."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.live import changed_objects
from melihub.graphql.context import Info
from melihub.orders import queries
from melihub.orders.graphql.types import OrderType

CHANGE_TYPE = "order"


async def order_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[OrderType, None]:
    async for order, context in changed_objects(info, CHANGE_TYPE, meli_account_ids, queries.get_order):
        yield OrderType.of(order, context)


@strawberry.type
class OrdersSubscription:
    order_changed: AsyncGenerator[OrderType, None] = strawberry.subscription(
        resolver=order_changed, description="An order changed: status, payments, lines, buyer…"
    )
