"""Reads of the hub: its orders (by column of the board, waiting on a mapping, searched by code or
recipient), their lines, volumes and notifications, the mappings, the flags and the settings.

Every read is limited to the tenant and to the caller's accounts (an order of an account the caller may
not see is not there). Searching by recipient is only for roles that see recipients (``privacy``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import false, or_, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Ordering, Page, PageRequest, fetch_page
from melihub.hub.models import (
    HubNotification,
    HubOrder,
    HubOrderLine,
    HubSettings,
    HubVolume,
    SkuMapping,
    StatusMapping,
)
from melihub.hub.privacy import digits, sees_recipient
from melihub.orders.models import Order
from melihub.shipments.models import Shipment


@dataclass(frozen=True)
class HubOrderFilter:
    statuses: Sequence[str] | None = None
    mapping_needed: bool | None = None
    search: str | None = None  # the order code, or (for who sees recipients) the name or the document


def readable_orders(principal: Principal) -> ColumnElement[bool]:
    principal.require(Permission.READ)
    allowed = principal.meli_account_ids
    if allowed is None:
        within: ColumnElement[bool] = true()
    elif not allowed:
        within = false()
    else:
        within = col(HubOrder.meli_account_id).in_(sorted(allowed))
    return (col(HubOrder.tenant_id) == principal.tenant_id) & within


def newest_first() -> Ordering:
    return Ordering(col(HubOrder.updated_at), col(HubOrder.id), True, "UPDATED_AT")


def _search(principal: Principal, given: str) -> ColumnElement[bool]:
    text = given.strip()
    matches = [col(HubOrder.code).startswith(text)]
    if sees_recipient(principal):
        matches.append(col(HubOrder.recipient_name).ilike(f"%{text}%"))
        if len(digits(text)) >= 4:
            matches.append(col(HubOrder.recipient_document).contains(digits(text)))
    return or_(*matches)


async def list_hub_orders(
    session: AsyncSession, principal: Principal, given: HubOrderFilter, request: PageRequest
) -> Page[HubOrder]:
    query = select(HubOrder).where(readable_orders(principal))
    if given.statuses:
        query = query.where(col(HubOrder.status).in_(list(given.statuses)))
    if given.mapping_needed is not None:
        waiting = col(HubOrder.mapping_needed).is_not(None)
        query = query.where(waiting if given.mapping_needed else ~waiting)
    if given.search and given.search.strip():
        query = query.where(_search(principal, given.search))
    return await fetch_page(session, query, request.ordering or newest_first(), request)


async def hub_orders_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[HubOrder]:
    query = select(HubOrder).where(col(HubOrder.id).in_(list(ids)), readable_orders(principal))
    return list((await session.exec(query)).all())


async def get_hub_order(session: AsyncSession, principal: Principal, hub_order_id: uuid.UUID) -> HubOrder | None:
    found = await hub_orders_by_ids(session, principal, [hub_order_id])
    return found[0] if found else None


async def hub_orders_of_changes(
    session: AsyncSession, principal: Principal, order_ids: Sequence[uuid.UUID], shipment_ids: Sequence[uuid.UUID]
) -> list[HubOrder]:
    """The hub orders that changed Mercado Livre orders and shipments belong to (a live board's refresh)."""
    packs = select(Order.pack_id, Order.ml_id).where(col(Order.id).in_(list(order_ids)))
    external = {str(pack or number) for pack, number in (await session.exec(packs)).all()}
    shipments = select(Shipment.ml_id).where(col(Shipment.id).in_(list(shipment_ids)))
    query = select(HubOrder).where(
        readable_orders(principal),
        or_(col(HubOrder.external_id).in_(sorted(external)), col(HubOrder.shipment_ml_id).in_(shipments)),
    )
    return list((await session.exec(query)).all())


async def lines_of_orders(
    session: AsyncSession, _principal: Principal, hub_order_ids: Sequence[uuid.UUID]
) -> list[HubOrderLine]:
    """The lines of orders the caller already read (row-level security keeps them in the tenant)."""
    query = (
        select(HubOrderLine)
        .where(col(HubOrderLine.hub_order_id).in_(list(hub_order_ids)))
        .order_by(col(HubOrderLine.order_ml_id), col(HubOrderLine.line_no))
    )
    return list((await session.exec(query)).all())


async def volumes_of_orders(
    session: AsyncSession, _principal: Principal, hub_order_ids: Sequence[uuid.UUID]
) -> list[HubVolume]:
    query = select(HubVolume).where(col(HubVolume.hub_order_id).in_(list(hub_order_ids)))
    return list((await session.exec(query.order_by(col(HubVolume.number)))).all())


async def notifications_of_orders(
    session: AsyncSession, _principal: Principal, hub_order_ids: Sequence[uuid.UUID]
) -> list[HubNotification]:
    query = select(HubNotification).where(col(HubNotification.hub_order_id).in_(list(hub_order_ids)))
    return list((await session.exec(query.order_by(col(HubNotification.created_at)))).all())


async def sku_mappings(session: AsyncSession, principal: Principal) -> list[SkuMapping]:
    principal.require(Permission.READ)
    query = select(SkuMapping).where(col(SkuMapping.tenant_id) == principal.tenant_id)
    return list((await session.exec(query.order_by(col(SkuMapping.external_sku)))).all())


async def status_mappings(session: AsyncSession, principal: Principal) -> list[StatusMapping]:
    principal.require(Permission.READ)
    query = select(StatusMapping).where(col(StatusMapping.tenant_id) == principal.tenant_id)
    return list((await session.exec(query.order_by(col(StatusMapping.external_status)))).all())


async def hub_settings(session: AsyncSession, tenant_id: uuid.UUID) -> HubSettings | None:
    query = select(HubSettings).where(col(HubSettings.tenant_id) == tenant_id)
    return (await session.exec(query)).first()


async def volumes_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[HubVolume]:
    orders = select(HubOrder.id).where(readable_orders(principal))
    query = select(HubVolume).where(col(HubVolume.id).in_(list(ids)), col(HubVolume.hub_order_id).in_(orders))
    return list((await session.exec(query)).all())


async def notifications_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[HubNotification]:
    orders = select(HubOrder.id).where(readable_orders(principal))
    query = select(HubNotification).where(
        col(HubNotification.id).in_(list(ids)), col(HubNotification.hub_order_id).in_(orders)
    )
    return list((await session.exec(query)).all())


async def sku_mappings_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[SkuMapping]:
    principal.require(Permission.READ)
    query = select(SkuMapping).where(
        col(SkuMapping.id).in_(list(ids)), col(SkuMapping.tenant_id) == principal.tenant_id
    )
    return list((await session.exec(query)).all())


async def status_mappings_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[StatusMapping]:
    principal.require(Permission.READ)
    query = select(StatusMapping).where(
        col(StatusMapping.id).in_(list(ids)), col(StatusMapping.tenant_id) == principal.tenant_id
    )
    return list((await session.exec(query)).all())
