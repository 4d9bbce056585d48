"""Reading shipments (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ARRAY, Uuid, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.paging import (
    Ordering,
    Page,
    PageRequest,
    account_condition,
    changed_first,
    fetch_page,
    visible,
    visible_by_ids,
    without_raw,
)
from melihub.orders.models import Order
from melihub.shipments.exceptions import ShipmentException, any_exception_condition
from melihub.shipments.models import Shipment


@dataclass(frozen=True)
class ShipmentFilter:
    statuses: list[str] | None = None
    substatuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    updated_since: datetime | None = None
    exceptions: list[ShipmentException] | None = None  # any of these, at ``now``
    now: datetime | None = None  # the instant exceptions are judged at (default: the query's)


SHIPMENT_SORTS: dict[str, Callable[[bool], Ordering]] = {
    "UPDATED_AT": lambda desc: Ordering(col(Shipment.synced_at), col(Shipment.id), desc, "UPDATED_AT"),
    "DATE_CREATED": lambda desc: Ordering(col(Shipment.date_created), col(Shipment.id), desc, "DATE_CREATED"),
    "ESTIMATED_DELIVERY_LIMIT": lambda desc: Ordering(
        col(Shipment.estimated_delivery_limit), col(Shipment.id), desc, "ESTIMATED_DELIVERY_LIMIT"
    ),
}


async def list_shipments(
    session: AsyncSession, principal: Principal, filters: ShipmentFilter, request: PageRequest
) -> Page[Shipment]:
    """Keyset-paged in the request's ordering (default: most recently changed first)."""
    principal.require(Permission.READ)
    query = visible(Shipment, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Shipment.status).in_(filters.statuses))
    if filters.substatuses:
        query = query.where(col(Shipment.substatus).in_(filters.substatuses))
    if filters.updated_since is not None:
        query = query.where(col(Shipment.synced_at) >= filters.updated_since)
    if filters.exceptions:
        query = query.where(any_exception_condition(filters.exceptions, filters.now or utcnow()))
    return await fetch_page(session, query, request.ordering or changed_first(Shipment), request)


async def get_shipment(session: AsyncSession, principal: Principal, shipment_id: uuid.UUID) -> Shipment | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Shipment, principal).where(Shipment.id == shipment_id))).first()


async def shipments_by_ml_ids(
    session: AsyncSession, principal: Principal, ml_ids: Sequence[int]
) -> list[tuple[Shipment, list[uuid.UUID]]]:
    """For DataLoaders: the shipments with these ML ids the caller may see (missing ones are absent), each
    with the ids of the orders it carries that the caller may see, in ML id order.

    The order ids ride along (an index probe per shipment) so a page asking for ``shipment { orderIds }``
    costs one statement for both, not one for the shipments and another for their orders.
    """
    principal.require(Permission.READ)
    carried = func.array(
        select(Order.id)
        .where(
            Order.tenant_id == Shipment.tenant_id,
            Order.shipment_ml_id == Shipment.ml_id,
            account_condition(col(Order.meli_account_id), principal, None),
        )
        .order_by(col(Order.ml_id))
        .scalar_subquery(),
        type_=ARRAY(Uuid()),
    )
    query = (
        select(Shipment, carried)
        .options(without_raw(Shipment))
        .where(Shipment.tenant_id == principal.tenant_id, col(Shipment.ml_id).in_(list(ml_ids)))
        .where(account_condition(col(Shipment.meli_account_id), principal, None))
    )
    return [(shipment, list(order_ids or [])) for shipment, order_ids in (await session.exec(query)).all()]


async def shipments_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[Shipment]:
    """For ``node``/``nodes``: the shipments with these ids the caller may see."""
    principal.require(Permission.READ)
    return await visible_by_ids(session, principal, Shipment, ids)


async def holds_shipment_of_order(session: AsyncSession, shipment_ml_id: int, order_ml_id: int) -> bool:
    """Whether the session's tenant (RLS) holds this shipment and this order naming it as its shipment.

    For the webhook path: such a shipment reaches us through its own topic, so an order notification need
    not fetch it again. A first-seen order or one whose shipping changed is ``False``.
    """
    query = select(Shipment.id).where(
        Shipment.ml_id == int(shipment_ml_id),
        select(Order.id)
        .where(
            Order.tenant_id == Shipment.tenant_id,
            Order.ml_id == int(order_ml_id),
            Order.shipment_ml_id == Shipment.ml_id,
        )
        .exists(),
    )
    return (await session.exec(query.limit(1))).first() is not None
