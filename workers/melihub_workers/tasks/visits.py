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
from melihub.connections.maintenance import directory
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.kpis import visits
from melihub.observability import get_logger
from melihub.runtime import Services

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
    services: Services = ctx["services"]
    queued = 0
    hour = datetime.now(UTC).strftime("%Y%m%d%H")
    for entry in await directory(services):
        if entry.status != AccountStatus.ACTIVE.value:
            continue
        async with services.db.tenant(entry.tenant_id) as session:
            account = await session.get(MeliAccount, entry.account_id)
            days = await visits.fetch_window(session, account) if account is not None else None
        if days is None:
            continue
        job_id = f"visits:{entry.account_id}:{hour}"  # at most one fetch per account and hour
        try:
            job = await services.redis.enqueue_job(
                FETCH_JOB, str(entry.tenant_id), str(entry.account_id), days, _job_id=job_id
            )
        except Exception as exc:  # noqa: BLE001 - the next hour's run queues it again
            log.warning("visits.enqueue_failed", account=str(entry.account_id), error=type(exc).__name__)
            continue
        queued += job is not None
    return {"queued": queued}
