"""Listing visits: an hourly cron queues each active account's fetch when its visits are due (a backfill for
an account with none, e.g. just linked or whose listings just synced; otherwise a refresh once a day), and
one job fetches one account."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from melihub.accounts.models import Tenant
from melihub.connections.maintenance import DirectoryEntry
from melihub.connections.models import MeliAccount
from melihub.kpis import visits
from melihub.observability import get_logger
from melihub.runtime import Services
from melihub_workers.tasks.hourly import queue_per_active_account

log = get_logger("melihub.visits")
FETCH_JOB = "fetch_visits"
SLICE_SHARE = 0.6  # a fetch stops at this share of the job timeout; the next hour's schedule carries on


async def fetch_visits(ctx: dict[str, Any], tenant_id: str, account_id: str, days: int) -> dict[str, Any]:
    services: Services = ctx["services"]
    tenant = uuid.UUID(tenant_id)
    async with services.db.tenant(tenant) as session:
        row = await session.get(Tenant, tenant)
    today = datetime.now(UTC).astimezone(ZoneInfo(row.time_zone if row else "America/Sao_Paulo")).date()
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    done = await visits.fetch_account_visits(
        services, tenant, uuid.UUID(account_id), days, today=today, deadline=deadline
    )
    return {"days": done.days, "listings": done.listings, "stored": done.stored, "complete": done.complete}


async def schedule_visits(ctx: dict[str, Any]) -> dict[str, int]:
    """At most one fetch per account and hour, for accounts whose visits are due."""
    services: Services = ctx["services"]

    async def due_days(entry: DirectoryEntry) -> tuple[object, ...] | None:
        async with services.db.tenant(entry.tenant_id) as session:
            account = await session.get(MeliAccount, entry.account_id)
            days = await visits.fetch_window(session, account) if account is not None else None
        return None if days is None else (days,)

    return {"queued": await queue_per_active_account(services, FETCH_JOB, "visits", due_days)}
