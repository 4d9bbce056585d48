"""The orders domain's Query and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.orders.graphql.resolvers import order_changed, resolve_order, resolve_orders
from melihub.orders.graphql.types import OrderType


@strawberry.type
class OrdersQuery:
    orders: Connection[OrderType] = strawberry.field(
        resolver=resolve_orders, description="Orders of the linked accounts (default: most recently changed first)."
    )
    order: OrderType | None = strawberry.field(resolver=resolve_order)


@strawberry.type
class OrdersSubscription:
    order_changed: AsyncGenerator[OrderType, None] = strawberry.subscription(
        resolver=order_changed, description="An order changed: status, payments, lines, buyer…"
    )
