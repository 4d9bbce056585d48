"""Listing intelligence: an LLM review per job; an hourly cron queues each active account's refresh of its
Mercado Livre facts (category attributes, ML's quality score) and rescoring; a sweep every minute rescores
the listings changed since their score."""

from __future__ import annotations

import time
import uuid
from typing import Any

from melihub.connections.maintenance import directory
from melihub.insights import analysis, refresh, service
from melihub.observability import get_logger
from melihub.runtime import Services
from melihub_workers.tasks.hourly import queue_per_active_account

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
    """At most one refresh per account and hour."""
    return {"queued": await queue_per_active_account(ctx["services"], REFRESH_JOB, "insights")}


async def rescore_stale_listings(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    scored = 0
    for tenant_id in sorted({entry.tenant_id for entry in await directory(services)}):
        async with services.db.tenant(tenant_id) as session:
            stale = await service.stale_listing_ids(session, tenant_id)
            scored += len(await service.score_listings(session, tenant_id, stale)) if stale else 0
    return {"scored": scored}
