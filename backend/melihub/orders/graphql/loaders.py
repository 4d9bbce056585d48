"""Named DataLoaders of orders (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable

from strawberry.dataloader import DataLoader

from melihub.catalog.graphql.loaders import prime_listings_by_ml_id
from melihub.graphql.context import Context
from melihub.graphql.loaders import all_per_key, one_per_key
from melihub.graphql.prefetch import Wanted
from melihub.orders import queries
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.shipments.graphql.loaders import shipment_by_ml_id

ORDER_ITEMS_BY_ORDER = "order_items_by_order"
PAYMENTS_BY_ORDER = "payments_by_order"
CUSTOMER_BY_ID = "customer_by_id"
ORDERS_BY_PACK = "orders_by_pack"
ORDER_BY_ML_ID = "order_by_ml_id"


def order_items_by_order(context: Context) -> DataLoader[uuid.UUID, list[OrderItem]]:
    """Order id → its lines, in line order."""
    return all_per_key(context, ORDER_ITEMS_BY_ORDER, queries.items_by_order_ids, _order_of)


def payments_by_order(context: Context) -> DataLoader[uuid.UUID, list[Payment]]:
    """Order id → its payments, oldest first."""
    return all_per_key(context, PAYMENTS_BY_ORDER, queries.payments_by_order_ids, _order_of)


def customer_by_id(context: Context) -> DataLoader[uuid.UUID, Customer | None]:
    """Customer id → the buyer."""
    return one_per_key(context, CUSTOMER_BY_ID, queries.customers_by_ids, _id_of)


def orders_by_pack(context: Context) -> DataLoader[int, list[Order]]:
    """ML pack id → every order of the pack (the asking order included), in ML id order."""
    return all_per_key(context, ORDERS_BY_PACK, queries.orders_by_pack_ids, _pack_of)


def order_by_ml_id(context: Context) -> DataLoader[int, Order | None]:
    """Mercado Livre order id (as claims and message threads name it) → the order, None when not held."""
    return one_per_key(context, ORDER_BY_ML_ID, queries.orders_by_ml_ids, _ml_id_of)


def _ml_id_of(order: Order) -> int:
    return order.ml_id


def _order_of(row: OrderItem | Payment) -> uuid.UUID:
    return row.order_id


def _id_of(customer: Customer) -> uuid.UUID:
    return customer.id


def _pack_of(order: Order) -> int:
    # Only orders with a pack are fetched by pack id.
    assert order.pack_id is not None
    return order.pack_id


async def prime_order_page(context: Context, orders: list[Order], wanted: Wanted) -> None:
    """Load what the page's selected nested fields need: each relation once, nested ones in later waves."""
    ids = [order.id for order in orders]
    first_wave: list[Awaitable[object]] = []
    if wanted("buyer"):
        buyers = list(dict.fromkeys(order.customer_id for order in orders if order.customer_id is not None))
        first_wave.append(customer_by_id(context).load_many(buyers))
    if wanted("items"):
        first_wave.append(order_items_by_order(context).load_many(ids))
    if wanted("payments"):
        first_wave.append(payments_by_order(context).load_many(ids))
    if wanted("shipment") or wanted("fulfilment", "state"):
        shipments = list(dict.fromkeys(order.shipment_ml_id for order in orders if order.shipment_ml_id))
        first_wave.append(shipment_by_ml_id(context).load_many(shipments))  # primes each one's orderIds too
    if wanted("packOrders"):
        packs = list(dict.fromkeys(order.pack_id for order in orders if order.pack_id is not None))
        first_wave.append(orders_by_pack(context).load_many(packs))
    await asyncio.gather(*first_wave)
    if wanted("items", "listing"):
        lines = await order_items_by_order(context).load_many(ids)
        sold = (line.item_ml_id for order_lines in lines for line in order_lines)
        await prime_listings_by_ml_id(context, sold, with_variations=wanted("items", "listing", "variations"))
