"""SKU mappings (channel SKU → internal SKU) and status mappings (channel status → internal, terminal or not).

An open hub order with a line whose SKU has no mapping waits in "mapeamento necessário" (``mapping_needed``
lists the SKUs); setting the mapping releases every order waiting on it, deleting one puts the open orders
that use it back to waiting. Every change is audited.
"""

from __future__ import annotations

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.hub.models import ML, HubOrder, HubOrderLine, HubStatus, SkuMapping, StatusMapping
from melihub.hub.service import advance

SKU_MAPPING_TYPE, STATUS_MAPPING_TYPE = "SkuMapping", "StatusMapping"
CHANNELS = frozenset({ML})


async def apply_mappings(session: AsyncSession, hub_order: HubOrder) -> None:
    """Map the order's lines and status now; ``mapping_needed`` names the SKUs still unmapped (or None)."""
    lines = (await session.exec(select(HubOrderLine).where(col(HubOrderLine.hub_order_id) == hub_order.id))).all()
    skus = sorted({line.external_sku for line in lines if line.external_sku})
    query = select(SkuMapping).where(
        col(SkuMapping.tenant_id) == hub_order.tenant_id,
        col(SkuMapping.channel) == hub_order.channel,
        col(SkuMapping.external_sku).in_(skus),
    )
    mapped = {row.external_sku: row.internal_sku for row in (await session.exec(query)).all()}
    for line in lines:
        line.internal_sku = mapped.get(line.external_sku or "")
        session.add(line)
    unmapped = [sku for sku in skus if sku not in mapped]
    hub_order.mapping_needed = ", ".join(unmapped) if unmapped else None
    status = await _status_mapping(session, hub_order)
    hub_order.internal_status = status.internal_status if status is not None else None
    hub_order.closed = bool(status is not None and status.terminal)


async def _status_mapping(session: AsyncSession, hub_order: HubOrder) -> StatusMapping | None:
    if hub_order.external_status is None:
        return None
    query = select(StatusMapping).where(
        col(StatusMapping.tenant_id) == hub_order.tenant_id,
        col(StatusMapping.channel) == hub_order.channel,
        col(StatusMapping.external_status) == hub_order.external_status,
    )
    return (await session.exec(query)).first()


def _clean(value: str, field: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise DomainError(f"{field} must not be blank", field=field, code="INVALID")
    return cleaned


def _channel(value: str) -> str:
    channel = value.strip().upper()
    if channel not in CHANNELS:
        known = ", ".join(sorted(CHANNELS))
        raise DomainError(f"unknown channel {value!r} (known: {known})", field="channel", code="UNKNOWN_CHANNEL")
    return channel


async def _open_orders_using(session: AsyncSession, tenant_id: uuid.UUID, channel: str, sku: str) -> list[HubOrder]:
    lines = select(HubOrderLine.hub_order_id).where(
        col(HubOrderLine.tenant_id) == tenant_id,
        col(HubOrderLine.channel) == channel,
        col(HubOrderLine.external_sku) == sku,
    )
    query = (
        select(HubOrder)
        .where(col(HubOrder.id).in_(lines), col(HubOrder.status) == HubStatus.RECEBIDO.value)
        .order_by(col(HubOrder.id))
        .with_for_update()
    )
    return list((await session.exec(query)).all())


async def set_sku_mapping(
    session: AsyncSession, principal: Principal, *, channel: str, external_sku: str, internal_sku: str
) -> tuple[SkuMapping, list[HubOrder]]:
    """Create or change a mapping; the open orders that use the SKU, mapped again (released if complete)."""
    principal.require(Permission.OPERATE)
    channel, external = _channel(channel), _clean(external_sku, "externalSku")
    internal = _clean(internal_sku, "internalSku")
    query = select(SkuMapping).where(
        col(SkuMapping.tenant_id) == principal.tenant_id,
        col(SkuMapping.channel) == channel,
        col(SkuMapping.external_sku) == external,
    )
    mapping = (await session.exec(query.with_for_update())).first()
    if mapping is None:
        mapping = SkuMapping(tenant_id=principal.tenant_id, channel=channel, external_sku=external, internal_sku="")
    mapping.internal_sku, mapping.updated_at = internal, utcnow()
    session.add(mapping)
    await session.flush()
    return mapping, await _map_again(session, principal.tenant_id, channel, external)


async def delete_sku_mapping(
    session: AsyncSession, principal: Principal, mapping_id: uuid.UUID
) -> tuple[SkuMapping, list[HubOrder]]:
    principal.require(Permission.OPERATE)
    mapping = await session.get(SkuMapping, mapping_id)
    if mapping is None:
        raise DomainError("no such SKU mapping", field="id", code="NOT_FOUND")
    await session.delete(mapping)
    await session.flush()
    return mapping, await _map_again(session, principal.tenant_id, mapping.channel, mapping.external_sku)


async def _map_again(session: AsyncSession, tenant_id: uuid.UUID, channel: str, sku: str) -> list[HubOrder]:
    orders = await _open_orders_using(session, tenant_id, channel, sku)
    for hub_order in orders:
        await apply_mappings(session, hub_order)
        hub_order.updated_at = utcnow()
        session.add(hub_order)
        await session.flush()
        await advance(session, hub_order)
    return orders


async def set_status_mapping(
    session: AsyncSession,
    principal: Principal,
    *,
    channel: str,
    external_status: str,
    internal_status: str,
    terminal: bool,
) -> StatusMapping:
    principal.require(Permission.OPERATE)
    channel, external = _channel(channel), _clean(external_status, "externalStatus")
    internal = _clean(internal_status, "internalStatus")
    query = select(StatusMapping).where(
        col(StatusMapping.tenant_id) == principal.tenant_id,
        col(StatusMapping.channel) == channel,
        col(StatusMapping.external_status) == external,
    )
    mapping = (await session.exec(query.with_for_update())).first()
    if mapping is None:
        mapping = StatusMapping(
            tenant_id=principal.tenant_id, channel=channel, external_status=external, internal_status=""
        )
    mapping.internal_status, mapping.terminal, mapping.updated_at = internal, terminal, utcnow()
    session.add(mapping)
    await session.flush()
    return mapping
