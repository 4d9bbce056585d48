"""After a tenant's time zone changes, its day-keyed rollups are rebuilt in the new zone, by a cron.

``kpi_zones`` says which zone a tenant's days are in: ``record_change`` keeps the old zone there when the
setting changes (no row: the current zone). ``melihub_kpi_zone_changes()`` lists the tenants whose zone is
not that one; ``catch_up`` rebuilds each (``rebuild``) up to
a deadline and carries on from where it stopped at the next run. Until it ends, reports by DAY, WEEK and
MONTH may mix the two zones' days; reports by HOUR are exact throughout. Upkeep meanwhile writes the days
of the new zone, as the rebuild does.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Tenant
from melihub.kpis.models import KpiZone
from melihub.kpis.rebuild import rebuild_tenant
from melihub.observability import get_logger
from melihub.runtime import Services

CHANGED = "SELECT * FROM melihub_kpi_zone_changes()"
log = get_logger("melihub.kpis.zone_change")


@dataclass
class CaughtUp:
    rebuilt: list[uuid.UUID] = field(default_factory=list)
    unfinished: list[uuid.UUID] = field(default_factory=list)


RECORD = """
INSERT INTO kpi_zones (id, tenant_id, time_zone) VALUES (gen_random_uuid(), CAST(:tenant AS uuid), :zone)
ON CONFLICT (tenant_id) DO NOTHING
"""


async def record_change(session: AsyncSession, tenant_id: uuid.UUID, previous: str) -> None:
    """The tenant's zone moves from ``previous`` (same transaction): its days stay in the zone they are in."""
    await session.exec(text(RECORD), params={"tenant": tenant_id, "zone": previous})  # type: ignore[call-overload]


async def changed_tenants(services: Services) -> list[uuid.UUID]:
    async with services.db.global_session() as session:
        return [row[0] for row in (await session.exec(text(CHANGED))).all()]  # type: ignore[call-overload]


async def catch_up_all(services: Services, *, deadline: float) -> CaughtUp:
    """Rebuild every tenant whose zone moved, until ``deadline`` (``time.monotonic``)."""
    outcome = CaughtUp()
    for tenant_id in await changed_tenants(services):
        if time.monotonic() >= deadline:
            outcome.unfinished.append(tenant_id)
            continue
        done = await catch_up(services, tenant_id, deadline=deadline)
        (outcome.rebuilt if done else outcome.unfinished).append(tenant_id)
    return outcome


async def _state(services: Services, tenant_id: uuid.UUID) -> tuple[str, KpiZone]:
    async with services.db.tenant(tenant_id) as session:
        tenant = await session.get(Tenant, tenant_id)
        query = select(KpiZone).where(col(KpiZone.tenant_id) == tenant_id).with_for_update()
        state = (await session.exec(query)).first()
        zone = tenant.time_zone if tenant is not None else ""
        if state is None:
            return zone, KpiZone(tenant_id=tenant_id, time_zone=zone)
        if state.time_zone != zone and state.rebuilding_zone != zone:  # a new change: start over
            state.rebuilding_zone, state.rebuild_from = zone, None
            session.add(state)
        return zone, state


async def catch_up(services: Services, tenant_id: uuid.UUID, *, deadline: float) -> bool:
    """Rebuild one tenant in its current zone (or carry on doing so); True once its days are in that zone."""
    zone, state = await _state(services, tenant_id)
    if not zone or state.time_zone == zone:
        return True
    rebuilt = await rebuild_tenant(services.db, tenant_id, since=state.rebuild_from, zone=zone, deadline=deadline)
    async with services.db.tenant(tenant_id) as session:
        query = select(KpiZone).where(col(KpiZone.tenant_id) == tenant_id).with_for_update()
        stored = (await session.exec(query)).one()
        if stored.rebuilding_zone != zone:  # the zone changed again meanwhile: the next run starts over
            return False
        if rebuilt.resume_from is not None:
            stored.rebuild_from = rebuilt.resume_from
        else:
            stored.time_zone, stored.rebuilding_zone, stored.rebuild_from = zone, None, None
        session.add(stored)
    log.info("kpis.zone_rebuild", tenant=str(tenant_id), zone=zone, resume_from=str(rebuilt.resume_from or ""))
    return rebuilt.resume_from is None
