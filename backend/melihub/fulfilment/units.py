"""Fulfilment units: the orders that travel together (a pack's orders share one shipment) and their shipment.

Marks and pick lists work on units, never on single orders of a pack: an order id or a shipment id names
the unit it belongs to. A unit is keyed by its pack when it has one, else by its shipment, else it is the
order alone (sold without Mercado Envios).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import Principal
from melihub.db.paging import visible
from melihub.fulfilment.states import CANCELLED_ORDER_STATUSES, FulfilmentState, order_state
from melihub.orders.models import Order
from melihub.shipments.models import Shipment

ORDER_TYPE, SHIPMENT_TYPE = "Order", "Shipment"
UnitKey = tuple[str, object]  # ("pack", pack_id) | ("shipment", shipment_ml_id) | ("order", order_id)


@dataclass(frozen=True)
class Ref:
    """One id as the caller gave it (``given``), and the row it names."""

    given: str
    type_name: str  # Order or Shipment
    row_id: uuid.UUID


@dataclass
class Unit:
    key: UnitKey
    orders: list[Order] = field(default_factory=list)  # in ML id order, cancelled ones included
    shipment: Shipment | None = None

    @property
    def live_orders(self) -> list[Order]:
        """The orders still to ship (a cancelled order of a pack stays behind)."""
        return [order for order in self.orders if order.status not in CANCELLED_ORDER_STATUSES]

    @property
    def state(self) -> FulfilmentState:
        """The unit's state: CANCELLED without a live order; else the least advanced of its live orders."""
        live = self.live_orders
        status = self.shipment.status if self.shipment else None
        if not live:
            return FulfilmentState.CANCELLED
        states = [order_state(order, status) for order in live]
        return min(states, key=_PROGRESS.index)


# How far along the bench each state is (a unit is as far as its least advanced order).
_PROGRESS = [
    FulfilmentState.TO_PICK,
    FulfilmentState.PICKED,
    FulfilmentState.PACKED,
    FulfilmentState.SHIPPED,
    FulfilmentState.DELIVERED,
    FulfilmentState.CANCELLED,
]


def unit_key(order: Order) -> UnitKey:
    if order.pack_id is not None:
        return ("pack", order.pack_id)
    if order.shipment_ml_id is not None:
        return ("shipment", order.shipment_ml_id)
    return ("order", order.id)


@dataclass
class Resolved:
    """What each ref names: its unit, and the order itself for an order ref (None: not visible)."""

    units: dict[str, Unit] = field(default_factory=dict)  # ref.given → unit
    named_orders: dict[str, Order] = field(default_factory=dict)  # ref.given → the order it names


async def resolve_units(session: AsyncSession, principal: Principal, refs: Sequence[Ref]) -> Resolved:
    """The unit of every ref the caller may see (a ref missing from ``units`` is not visible to them)."""
    order_ids = [ref.row_id for ref in refs if ref.type_name == ORDER_TYPE]
    shipment_ids = [ref.row_id for ref in refs if ref.type_name == SHIPMENT_TYPE]
    named = {order.id: order for order in await _orders(session, principal, ids=order_ids)}
    shipments = {row.id: row for row in await _shipments(session, principal, ids=shipment_ids)}
    orders = await _closure(session, principal, named.values(), [s.ml_id for s in shipments.values()])
    units = _group(orders)
    carried = {o.shipment_ml_id for unit in units.values() for o in unit.orders if o.shipment_ml_id is not None}
    held = await _shipments(session, principal, ml_ids=sorted(carried))
    by_ml_id = {shipment.ml_id: shipment for shipment in held}
    for unit in units.values():
        unit.shipment = next((by_ml_id[o.shipment_ml_id] for o in unit.orders if o.shipment_ml_id in by_ml_id), None)
    resolved = Resolved()
    for ref in refs:
        if ref.type_name == ORDER_TYPE and ref.row_id in named:
            resolved.named_orders[ref.given] = named[ref.row_id]
            resolved.units[ref.given] = units[unit_key(named[ref.row_id])]
        elif ref.type_name == SHIPMENT_TYPE and ref.row_id in shipments:
            resolved.units[ref.given] = _unit_of_shipment(units, shipments[ref.row_id])
    return resolved


def _unit_of_shipment(units: dict[UnitKey, Unit], shipment: Shipment) -> Unit:
    """The unit a shipment carries; a shipment whose orders melihub does not hold is a unit without orders."""
    for unit in units.values():
        if any(order.shipment_ml_id == shipment.ml_id for order in unit.orders):
            return unit
    return Unit(key=("shipment", shipment.ml_id), shipment=shipment)


def _group(orders: Iterable[Order]) -> dict[UnitKey, Unit]:
    units: dict[UnitKey, Unit] = {}
    for order in sorted(orders, key=lambda o: o.ml_id):
        key = unit_key(order)
        units.setdefault(key, Unit(key=key)).orders.append(order)
    return units


async def _closure(
    session: AsyncSession, principal: Principal, named: Iterable[Order], shipment_ml_ids: list[int]
) -> list[Order]:
    """Every order sharing a pack or a shipment with the named orders or shipments (a pack's orders found
    through its shipment bring in their pack too: two rounds in practice, each one statement)."""
    found = {order.id: order for order in named}
    packs: set[int] = set()
    shipments = set(shipment_ml_ids)
    asked_packs: set[int] = set()
    asked_shipments: set[int] = set()
    while True:
        packs |= {order.pack_id for order in found.values() if order.pack_id is not None}
        shipments |= {order.shipment_ml_id for order in found.values() if order.shipment_ml_id is not None}
        if packs <= asked_packs and shipments <= asked_shipments:
            return list(found.values())
        more = await _orders(
            session, principal, packs=sorted(packs - asked_packs), shipment_ml_ids=sorted(shipments - asked_shipments)
        )
        asked_packs |= packs
        asked_shipments |= shipments
        found.update({order.id: order for order in more})


async def _orders(
    session: AsyncSession,
    principal: Principal,
    *,
    ids: Sequence[uuid.UUID] = (),
    packs: Sequence[int] = (),
    shipment_ml_ids: Sequence[int] = (),
) -> list[Order]:
    conditions = []
    if ids:
        conditions.append(col(Order.id).in_(list(ids)))
    if packs:
        conditions.append(col(Order.pack_id).in_(list(packs)))
    if shipment_ml_ids:
        conditions.append(col(Order.shipment_ml_id).in_(list(shipment_ml_ids)))
    if not conditions:
        return []
    return list((await session.exec(visible(Order, principal).where(or_(*conditions)))).all())


async def _shipments(
    session: AsyncSession, principal: Principal, *, ids: Sequence[uuid.UUID] = (), ml_ids: Sequence[object] = ()
) -> list[Shipment]:
    if not ids and not ml_ids:
        return []
    condition = col(Shipment.id).in_(list(ids)) if ids else col(Shipment.ml_id).in_(list(ml_ids))
    return list((await session.exec(visible(Shipment, principal).where(condition))).all())
