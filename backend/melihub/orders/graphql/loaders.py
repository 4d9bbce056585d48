"""Named DataLoaders of orders (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

import uuid
from collections import defaultdict

from strawberry.dataloader import DataLoader

from melihub.graphql.context import Context
from melihub.orders import queries
from melihub.orders.models import Customer, OrderItem, Payment

ORDER_ITEMS_BY_ORDER = "order_items_by_order"
PAYMENTS_BY_ORDER = "payments_by_order"
CUSTOMER_BY_ID = "customer_by_id"


def order_items_by_order(context: Context) -> DataLoader[uuid.UUID, list[OrderItem]]:
    """Order id → its lines, in line order."""

    def create(ctx: Context) -> DataLoader[uuid.UUID, list[OrderItem]]:
        async def load(order_ids: list[uuid.UUID]) -> list[list[OrderItem]]:
            async with ctx.session() as session:
                rows = await queries.items_by_order_ids(session, ctx.require(), order_ids)
            grouped: dict[uuid.UUID, list[OrderItem]] = defaultdict(list)
            for row in rows:
                grouped[row.order_id].append(row)
            return [grouped.get(order_id, []) for order_id in order_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[uuid.UUID, list[OrderItem]] = context.loader(ORDER_ITEMS_BY_ORDER, create)
    return loader


def payments_by_order(context: Context) -> DataLoader[uuid.UUID, list[Payment]]:
    """Order id → its payments, oldest first."""

    def create(ctx: Context) -> DataLoader[uuid.UUID, list[Payment]]:
        async def load(order_ids: list[uuid.UUID]) -> list[list[Payment]]:
            async with ctx.session() as session:
                rows = await queries.payments_by_order_ids(session, ctx.require(), order_ids)
            grouped: dict[uuid.UUID, list[Payment]] = defaultdict(list)
            for row in rows:
                grouped[row.order_id].append(row)
            return [grouped.get(order_id, []) for order_id in order_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[uuid.UUID, list[Payment]] = context.loader(PAYMENTS_BY_ORDER, create)
    return loader


def customer_by_id(context: Context) -> DataLoader[uuid.UUID, Customer | None]:
    """Customer id → the buyer."""

    def create(ctx: Context) -> DataLoader[uuid.UUID, Customer | None]:
        async def load(customer_ids: list[uuid.UUID]) -> list[Customer | None]:
            async with ctx.session() as session:
                rows = await queries.customers_by_ids(session, ctx.require(), customer_ids)
            by_id = {row.id: row for row in rows}
            return [by_id.get(customer_id) for customer_id in customer_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[uuid.UUID, Customer | None] = context.loader(CUSTOMER_BY_ID, create)
    return loader
