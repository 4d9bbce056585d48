"""orderChanged: the order itself, loaded again for each change."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.live import changes
from melihub.graphql.context import Info
from melihub.orders import queries
from melihub.orders.graphql.types import OrderType

CHANGE_TYPE = "order"


async def order_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[OrderType, None]:
    async for change, context in changes(info, {CHANGE_TYPE}, meli_account_ids):
        try:
            order_id = uuid.UUID(change.id)
        except ValueError:
            continue
        async with context.session() as session:
            order = await queries.get_order(session, context.require(), order_id)
        if order is not None:
            yield OrderType.of(order, context)


@strawberry.type
class OrdersSubscription:
    order_changed: AsyncGenerator[OrderType, None] = strawberry.subscription(
        resolver=order_changed, description="An order changed: status, payments, lines, buyer…"
    )
