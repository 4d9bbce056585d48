"""Mercado Livre orders into the hub: ``after_apply`` creates or updates the hub order of every changed
order's pack (and of every changed shipment's orders), in the applier's transaction.

A hub order is created only for a paid order whose shipment has not left yet (a sync's history of
delivered orders stays out); once it exists every change updates it: the channel's status (through the
status mappings), its lines (SKUs through the SKU mappings: one unmapped holds it in "mapeamento
necessário"), its recipient and its volume (one per shipment: weight, dimensions, label), and whether
the label is available. Then :func:`melihub.hub.service.advance` moves it on when it may.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.db.idempotent import ApplyResult
from melihub.hub import flags, service
from melihub.hub.mappings import apply_mappings
from melihub.hub.models import ML, HubOrder, HubOrderLine, HubVolume
from melihub.hub.timeline import Step, record
from melihub.meli.values import dig
from melihub.orders.models import Order, OrderItem
from melihub.shipments.models import Shipment

ADMITTED_ORDER_STATUSES = frozenset({"paid", "partially_refunded"})
LEFT_ALREADY = frozenset({"shipped", "delivered", "not_delivered", "cancelled"})
# A label is available from ready_to_ship on, except while ML still waits for the seller's invoice.
LABEL_WAITS = frozenset({"invoice_pending", None})
LABEL_SUBSTATUSES_READY = frozenset(
    {"ready_to_print", "printed", "in_pickup_list", "picked_up", "in_hub", "ready_for_dropoff"}
)


async def after_apply(session: AsyncSession, account: MeliAccount, results: Sequence[ApplyResult]) -> None:
    """Bring the hub orders of the changed orders and shipments up to date (no-op unless the flow is on)."""
    changed = [r for r in results if r.changed and r.entity_id is not None]
    order_ids = [r.entity_id for r in changed if r.entity_type == "order"]
    shipment_ids = [r.entity_id for r in changed if r.entity_type == "shipment"]
    if not (order_ids or shipment_ids) or not await flags.hub_flow_enabled(session, account.tenant_id):
        return
    for external_id in sorted(await _external_ids(session, order_ids, shipment_ids)):
        await refresh(session, account, external_id)


async def _external_ids(session: AsyncSession, order_ids: list[Any], shipment_ids: list[Any]) -> set[str]:
    conditions = []
    if order_ids:
        conditions.append(col(Order.id).in_(order_ids))
    if shipment_ids:
        shipment_ml_ids = select(Shipment.ml_id).where(col(Shipment.id).in_(shipment_ids))
        conditions.append(col(Order.shipment_ml_id).in_(shipment_ml_ids))
    query = select(Order.pack_id, Order.ml_id).where(or_(*conditions))
    return {str(pack_id or ml_id) for pack_id, ml_id in (await session.exec(query)).all()}


async def _orders_of(session: AsyncSession, tenant_id: uuid.UUID, external_id: str) -> list[Order]:
    number = int(external_id)
    query = (
        select(Order)
        .where(col(Order.tenant_id) == tenant_id)
        .where(or_(col(Order.pack_id) == number, (col(Order.pack_id).is_(None)) & (col(Order.ml_id) == number)))
        .order_by(col(Order.ml_id))
    )
    return list((await session.exec(query)).all())


async def _shipment_of(session: AsyncSession, tenant_id: uuid.UUID, orders: list[Order]) -> Shipment | None:
    shipment_ml_id = next((o.shipment_ml_id for o in orders if o.shipment_ml_id is not None), None)
    if shipment_ml_id is None:
        return None
    query = select(Shipment).where(col(Shipment.tenant_id) == tenant_id, col(Shipment.ml_id) == shipment_ml_id)
    return (await session.exec(query)).first()


def admits(orders: list[Order], shipment: Shipment | None) -> bool:
    """Whether a hub order is created for these: paid, and its shipment has not left."""
    paid = any(order.status in ADMITTED_ORDER_STATUSES for order in orders)
    return paid and (shipment is None or shipment.status not in LEFT_ALREADY)


def label_ready(shipment: Shipment | None) -> bool:
    if shipment is None:
        return False
    if shipment.status in {"shipped", "delivered"}:
        return True
    return shipment.status == "ready_to_ship" and shipment.substatus in LABEL_SUBSTATUSES_READY


def external_status(orders: list[Order]) -> str:
    """The pack's status: the orders' when they agree, else a counted one's (a pack is paid if one is)."""
    statuses = {order.status for order in orders}
    if len(statuses) == 1:
        return next(iter(statuses))
    return next((s for s in ("paid", "partially_refunded") if s in statuses), sorted(statuses)[0])


async def _claim_row(session: AsyncSession, account: MeliAccount, external_id: str) -> HubOrder | None:
    query = (
        select(HubOrder)
        .where(col(HubOrder.tenant_id) == account.tenant_id, col(HubOrder.channel) == ML)
        .where(col(HubOrder.external_id) == external_id)
        .with_for_update()
    )
    return (await session.exec(query)).first()


async def _create_row(session: AsyncSession, account: MeliAccount, external_id: str) -> HubOrder:
    """Insert it unless a concurrent intake did (``channel + external_id`` is unique), then lock it."""
    values = {
        "id": uuid.uuid4(),
        "tenant_id": account.tenant_id,
        "channel": ML,
        "external_id": external_id,
        "meli_account_id": account.id,
        "code": external_id,
        "created_at": utcnow(),
        "updated_at": utcnow(),
    }
    statement = (
        insert(HubOrder).values(**values).on_conflict_do_nothing(index_elements=["tenant_id", "channel", "external_id"])
    )
    await session.exec(statement)
    row = await _claim_row(session, account, external_id)
    assert row is not None
    return row


async def refresh(session: AsyncSession, account: MeliAccount, external_id: str) -> HubOrder | None:
    """Create or update the hub order of pack (or packless order) ``external_id``; None when not admitted."""
    orders = await _orders_of(session, account.tenant_id, external_id)
    if not orders:
        return None
    shipment = await _shipment_of(session, account.tenant_id, orders)
    hub_order = await _claim_row(session, account, external_id)
    created = hub_order is None
    if hub_order is None:
        if not admits(orders, shipment):
            return None
        hub_order = await _create_row(session, account, external_id)
    hub_order.external_status = external_status(orders)
    hub_order.shipment_ml_id = shipment.ml_id if shipment is not None else orders[0].shipment_ml_id
    hub_order.label_ready = label_ready(shipment)
    _take_recipient(hub_order, shipment)
    await _replace_lines(session, hub_order, orders)
    if shipment is not None:
        await _upsert_volume(session, hub_order, shipment)
    await apply_mappings(session, hub_order)
    hub_order.updated_at = utcnow()
    session.add(hub_order)
    await session.flush()
    step = Step.RECEIVED if created else Step.PROCESSED
    await record(session, account.tenant_id, hub_order.id, step, f"order {external_id}", account_id=account.id)
    await service.advance(session, hub_order)
    return hub_order


def _take_recipient(hub_order: HubOrder, shipment: Shipment | None) -> None:
    if shipment is None:
        return
    raw = shipment.raw or {}
    name = dig(raw, "destination", "receiver_name") or shipment.receiver_name
    phone = dig(raw, "destination", "receiver_phone")
    hub_order.recipient_name = name or hub_order.recipient_name
    hub_order.recipient_phone = phone or hub_order.recipient_phone


async def _replace_lines(session: AsyncSession, hub_order: HubOrder, orders: list[Order]) -> None:
    """The lines as the orders hold them now (a line's SKU is its seller SKU, else its listing id)."""
    existing = (await session.exec(select(HubOrderLine).where(col(HubOrderLine.hub_order_id) == hub_order.id))).all()
    for line in existing:
        await session.delete(line)
    await session.flush()
    order_ids = [order.id for order in orders]
    numbers = {order.id: order.ml_id for order in orders}
    query = select(OrderItem).where(col(OrderItem.order_id).in_(order_ids)).order_by(col(OrderItem.line_no))
    for item in (await session.exec(query)).all():
        session.add(
            HubOrderLine(
                tenant_id=hub_order.tenant_id,
                hub_order_id=hub_order.id,
                channel=hub_order.channel,
                order_ml_id=numbers[item.order_id],
                line_no=item.line_no,
                external_sku=item.sku or item.item_ml_id,
                title=item.title,
                quantity=item.quantity,
            )
        )
    await session.flush()


async def _upsert_volume(session: AsyncSession, hub_order: HubOrder, shipment: Shipment) -> None:
    query = select(HubVolume).where(col(HubVolume.hub_order_id) == hub_order.id, col(HubVolume.number) == 1)
    volume = (await session.exec(query)).first() or HubVolume(
        tenant_id=hub_order.tenant_id, hub_order_id=hub_order.id, number=1
    )
    size = dig(shipment.raw or {}, "dimensions") or {}
    if isinstance(size, dict):
        weight = size.get("weight")
        volume.weight_grams = int(weight) if isinstance(weight, int | float) else volume.weight_grams
        sides = [size.get(side) for side in ("length", "width", "height")]
        if all(isinstance(side, int | float) for side in sides):
            volume.dimensions = "x".join(f"{side:g}" for side in sides)
    volume.external_label = str(shipment.ml_id)
    session.add(volume)
    await session.flush()
