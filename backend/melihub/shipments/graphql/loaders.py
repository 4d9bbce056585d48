"""Named DataLoaders of shipments (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

from collections import defaultdict

from strawberry.dataloader import DataLoader

from melihub.graphql.context import Context
from melihub.graphql.prefetch import Wanted
from melihub.orders import queries as order_queries
from melihub.shipments import queries
from melihub.shipments.models import Shipment

SHIPMENT_BY_ML_ID = "shipment_by_ml_id"
ORDER_IDS_BY_SHIPMENT = "order_ids_by_shipment"


def shipment_by_ml_id(context: Context) -> DataLoader[int, Shipment | None]:
    """ML shipment id (as orders reference it) → the shipment, None when not stored or not visible.

    Its statement also reads the ids of the orders each shipment carries and primes
    ``order_ids_by_shipment`` with them: ``order { shipment { orderIds } }`` costs one statement, not two.
    """

    def create(ctx: Context) -> DataLoader[int, Shipment | None]:
        async def load(ml_ids: list[int]) -> list[Shipment | None]:
            async with ctx.session() as session:
                rows = await queries.shipments_by_ml_ids(session, ctx.require(), ml_ids)
            carried = order_ids_by_shipment(ctx)
            found: dict[int, Shipment] = {}
            for shipment, order_ids in rows:
                found[shipment.ml_id] = shipment
                carried.prime(shipment.ml_id, [str(order_id) for order_id in order_ids])
            return [found.get(ml_id) for ml_id in ml_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[int, Shipment | None] = context.loader(SHIPMENT_BY_ML_ID, create)
    return loader


def order_ids_by_shipment(context: Context) -> DataLoader[int, list[str]]:
    """ML shipment id → our ids of the orders it ships."""

    def create(ctx: Context) -> DataLoader[int, list[str]]:
        async def load(ml_ids: list[int]) -> list[list[str]]:
            async with ctx.session() as session:
                orders = await order_queries.orders_by_shipment_ml_ids(session, ctx.require(), ml_ids)
            grouped: dict[int, list[str]] = defaultdict(list)
            for order in orders:
                if order.shipment_ml_id is not None:
                    grouped[order.shipment_ml_id].append(str(order.id))
            return [grouped.get(ml_id, []) for ml_id in ml_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[int, list[str]] = context.loader(ORDER_IDS_BY_SHIPMENT, create)
    return loader


async def prime_shipment_page(context: Context, shipments: list[Shipment], wanted: Wanted) -> None:
    if wanted("orderIds"):
        await order_ids_by_shipment(context).load_many([shipment.ml_id for shipment in shipments])
