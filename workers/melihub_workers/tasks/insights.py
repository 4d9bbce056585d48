"""Listing intelligence: an LLM review per job; an hourly cron queues each active account's refresh of its
Mercado Livre facts (category attributes, ML's quality score) and rescoring; a sweep every minute rescores
the listings changed since their score."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any

from melihub.connections.maintenance import directory
from melihub.connections.models import AccountStatus
from melihub.insights import analysis, refresh, service
from melihub.observability import get_logger
from melihub.runtime import Services

log = get_logger("melihub.insights")
REFRESH_JOB = "refresh_listing_insights"
SLICE_SHARE = 0.6  # a refresh stops at this share of the job timeout; the next hour carries on


async def analyze_listing(ctx: dict[str, Any], tenant_id: str, analysis_id: str) -> dict[str, Any]:
    outcome = await analysis.run_and_follow(ctx["services"], uuid.UUID(tenant_id), uuid.UUID(analysis_id))
    return {"status": outcome.status, "retry_in_s": outcome.retry_in_s}


async def refresh_listing_insights(ctx: dict[str, Any], tenant_id: str, account_id: str) -> dict[str, Any]:
    services: Services = ctx["services"]
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    done = await refresh.refresh_account(services, uuid.UUID(tenant_id), uuid.UUID(account_id), deadline=deadline)
    return {"categories": done.categories, "qualities": done.qualities, "scored": done.scored}


async def schedule_listing_insights(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    hour = datetime.now(UTC).strftime("%Y%m%d%H")
    queued = 0
    for entry in await directory(services):
        if entry.status != AccountStatus.ACTIVE.value:
            continue
        job_id = f"insights:{entry.account_id}:{hour}"  # at most one refresh per account and hour
        try:
            job = await services.redis.enqueue_job(
                REFRESH_JOB, str(entry.tenant_id), str(entry.account_id), _job_id=job_id
            )
        except Exception as exc:  # noqa: BLE001 - the next hour's run queues it again
            log.warning("insights.enqueue_failed", account=str(entry.account_id), error=type(exc).__name__)
            continue
        queued += job is not None
    return {"queued": queued}


async def rescore_stale_listings(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    scored = 0
    for tenant_id in sorted({entry.tenant_id for entry in await directory(services)}):
        async with services.db.tenant(tenant_id) as session:
            stale = await service.stale_listing_ids(session, tenant_id)
            scored += len(await service.score_listings(session, tenant_id, stale)) if stale else 0
    return {"scored": scored}
