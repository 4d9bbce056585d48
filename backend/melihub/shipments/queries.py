"""Reading shipments (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Cursor, Page, fetch_page, visible
from melihub.shipments.models import Shipment


@dataclass(frozen=True)
class ShipmentFilter:
    statuses: list[str] | None = None
    substatuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    updated_since: datetime | None = None


async def list_shipments(
    session: AsyncSession, principal: Principal, filters: ShipmentFilter, *, first: int, after: Cursor | None = None
) -> Page[Shipment]:
    """Most recently changed first, keyset-paged on (synced_at, id)."""
    principal.require(Permission.READ)
    query = visible(Shipment, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Shipment.status).in_(filters.statuses))
    if filters.substatuses:
        query = query.where(col(Shipment.substatus).in_(filters.substatuses))
    if filters.updated_since is not None:
        query = query.where(col(Shipment.synced_at) >= filters.updated_since)
    return await fetch_page(session, query, Shipment, first=first, after=after)


async def get_shipment(session: AsyncSession, principal: Principal, shipment_id: uuid.UUID) -> Shipment | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Shipment, principal).where(Shipment.id == shipment_id))).first()


async def shipments_by_ml_ids(session: AsyncSession, principal: Principal, ml_ids: Sequence[int]) -> list[Shipment]:
    """For DataLoaders: the shipments with these ML ids the caller may see (missing ones are absent)."""
    principal.require(Permission.READ)
    return list((await session.exec(visible(Shipment, principal).where(col(Shipment.ml_id).in_(list(ml_ids))))).all())
