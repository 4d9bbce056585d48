"""``melihub kpis rebuild``: recompute every rollup of a tenant from the raw tables, a week at a time.

Each slice (seven local days of the tenant, the UTC hours they span) is one transaction that first locks
the rollup tables against upkeep (``SHARE ROW EXCLUSIVE``: readers go on; an upkeep waits the slice out
and then recomputes its buckets over what the slice wrote), deletes the slice's rows and inserts them
again from orders, shipments, questions and first replies. Nothing holds more than one slice at a time.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.buyers.service import rebuild_buyers
from melihub.db.engine import Database, async_url
from melihub.kpis import account_days, day_rollups, listing_days, logistics_rollup, sales_rollup, service_rollup
from melihub.kpis.metrics import DEFAULT_TIME_ZONE, local_midnight
from melihub.kpis.models import SLICED_ROLLUPS
from melihub.kpis.sql import run
from melihub.kpis.stock_periods import rebuild_stock

SLICE_DAYS = 7
LOCK_TABLES = f"LOCK TABLE {', '.join(SLICED_ROLLUPS)} IN SHARE ROW EXCLUSIVE MODE"
TENANTS = "SELECT id FROM tenants WHERE (CAST(:slug AS text) IS NULL OR slug = :slug) ORDER BY slug"
TENANT = "SELECT slug, time_zone FROM tenants WHERE id = CAST(:tenant AS uuid)"
SPAN = """
SELECT least((SELECT min(date_created) FROM orders WHERE tenant_id = :tenant),
             (SELECT min(shipped_at) FROM shipments WHERE tenant_id = :tenant AND shipped_at IS NOT NULL),
             (SELECT min(date_created) FROM questions WHERE tenant_id = :tenant),
             (SELECT min(date_created) FROM messages WHERE tenant_id = :tenant)),
       greatest((SELECT max(date_created) FROM orders WHERE tenant_id = :tenant),
                (SELECT max(handling_limit) FROM shipments WHERE tenant_id = :tenant),
                (SELECT max(answered_at) FROM questions WHERE tenant_id = :tenant AND answered_at IS NOT NULL),
                (SELECT max(date_created) FROM questions WHERE tenant_id = :tenant),
                (SELECT max(date_created) FROM messages WHERE tenant_id = :tenant),
                now())
"""
# The rollups kept beside the hourly ones: stock periods and customer months, each rebuilt whole.
EXTRA_REBUILDS: tuple[tuple[str, Callable[..., Awaitable[Any]]], ...] = (
    ("rebuild_stock", rebuild_stock),
    ("rebuild_buyers", rebuild_buyers),
)


@dataclass
class TenantRebuilt:
    slug: str
    first: date | None
    last: date | None
    slices: int = 0
    threads: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    resume_from: date | None = None  # stopped at its deadline: the next local day to rebuild


Echo = Callable[[str], None]


class UnknownTenant(LookupError):
    pass


async def tenant_ids(admin_url: str, slug: str | None) -> list[uuid.UUID]:
    """Every tenant's id, or the one with ``slug`` (the schema owner's URL: tenants are hidden per tenant)."""
    engine = create_async_engine(async_url(admin_url), pool_size=1)
    try:
        async with engine.connect() as conn:
            ids = [row[0] for row in await conn.execute(text(TENANTS), {"slug": slug})]
    finally:
        await engine.dispose()
    if slug is not None and not ids:
        raise UnknownTenant(slug)
    return ids


async def rebuild(
    db: Database, tenants: list[uuid.UUID], *, since: date | None = None, echo: Echo | None = None
) -> list[TenantRebuilt]:
    """Rebuild the rollups of these tenants, from ``since`` (a local date) or from their oldest row."""
    return [await rebuild_tenant(db, tenant_id, since=since, echo=echo or _quiet) for tenant_id in tenants]


async def rebuild_tenant(
    db: Database,
    tenant_id: uuid.UUID,
    *,
    since: date | None = None,
    echo: Echo | None = None,
    extras: bool = True,
    zone: str | None = None,
    deadline: float | None = None,
) -> TenantRebuilt:
    """Rebuild one tenant's rollups slice by slice; ``extras``: stock periods and customer months too.

    ``zone``: the local days to build (default: the tenant's zone). Past ``deadline`` (``time.monotonic``)
    it stops after a slice and says where to carry on (``resume_from``); extras run once every slice is done.
    """
    echo = echo or _quiet
    began = time.monotonic()
    async with db.tenant(tenant_id) as session:
        slug, tenant_zone = (await run(session, TENANT, tenant=tenant_id))[0]
        oldest, newest = (await run(session, SPAN, tenant=tenant_id))[0]
    zone = zone or tenant_zone or DEFAULT_TIME_ZONE
    tz = ZoneInfo(zone)
    first = since or (oldest.astimezone(tz).date() if oldest else None)
    last = newest.astimezone(tz).date() if newest else None
    report = TenantRebuilt(slug, first, last)
    if first is None or last is None or first > last:
        echo(f"{slug}: nothing to rebuild")
        return report
    async with db.tenant(tenant_id) as session:
        report.threads = await service_rollup.rebuild_replies(session, tenant_id, local_midnight(first, tz))
        if since is None:  # days of another zone may lie just outside the span
            await day_rollups.clear_outside(session, tenant_id, first, last)
    day = first
    while day <= last:
        if deadline is not None and report.slices and time.monotonic() >= deadline:
            report.resume_from = day
            return report
        end_day = min(day + timedelta(days=SLICE_DAYS - 1), last)
        await _slice(db, tenant_id, zone, day, end_day)
        report.slices += 1
        echo(f"{slug}: {day.isoformat()} … {end_day.isoformat()} rebuilt")
        day = end_day + timedelta(days=1)
    async with db.tenant(tenant_id) as session:
        await service_rollup.remember_all(session, tenant_id)
    report.extra = await _extra_rebuilds(db, tenant_id) if extras else {}
    report.seconds = time.monotonic() - began
    echo(f"{slug}: {report.slices} slices, {report.threads} threads in {report.seconds:.1f} s")
    return report


async def _slice(db: Database, tenant_id: uuid.UUID, zone: str, first: date, last: date) -> None:
    tz = ZoneInfo(zone)
    start, end = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
    async with db.tenant(tenant_id) as session:
        await run(session, LOCK_TABLES)
        await sales_rollup.rebuild(session, tenant_id, start, end)
        await listing_days.rebuild(session, tenant_id, zone, first, last, start, end)
        await account_days.rebuild(session, tenant_id, first, last)
        await logistics_rollup.rebuild(session, tenant_id, start, end)
        await service_rollup.rebuild(session, tenant_id, start, end)
        await day_rollups.rebuild(session, tenant_id, zone, first, last, start, end)


async def _extra_rebuilds(db: Database, tenant_id: uuid.UUID) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for function_name, function in EXTRA_REBUILDS:
        async with db.tenant(tenant_id) as session:
            results[function_name] = await function(session, tenant_id=tenant_id)
    return results


def _quiet(_line: str) -> None:
    pass
