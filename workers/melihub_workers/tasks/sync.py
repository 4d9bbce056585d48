"""Sync jobs: one slice of a run per job (the next slice is queued when the deadline cuts it), and the
minute cron that queues due runs and revives abandoned ones."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from melihub.runtime import Services
from melihub.sync import engine, flows, queries, schedule

# A slice works this share of the job timeout, then pauses: its units end their step (within the grace
# share; a step cut off is asked again by the next slice) and it concludes before arq would cancel it.
SLICE_SHARE = 0.6
GRACE_SHARE = 0.25


async def run_sync(ctx: dict[str, Any], tenant_id: str, run_id: str) -> dict[str, Any]:
    services: Services = ctx["services"]
    tenant, run = uuid.UUID(tenant_id), uuid.UUID(run_id)
    timeout = services.settings.worker_job_timeout_s
    deadline = time.monotonic() + timeout * SLICE_SHARE
    try:
        outcome = await engine.execute(services, tenant, run, deadline=deadline, pause_grace_s=timeout * GRACE_SHARE)
    except asyncio.CancelledError:  # cut by arq (timeout, shutdown): the checkpoints hold; queue what is left
        await _next_slice(services, tenant, run)
        raise
    if outcome.more:
        await _next_slice(services, tenant, run)
    return {"status": outcome.status, "more": outcome.more, "busy": outcome.busy}


async def _next_slice(services: Services, tenant: uuid.UUID, run: uuid.UUID) -> None:
    async with services.db.tenant(tenant) as session:
        row = await queries.run_by_id(session, run)
    if row is not None:
        await flows.enqueue(services, row, flows.fresh_slice())


async def schedule_syncs(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    outcome = await schedule.schedule(services)
    return {"queued": len(outcome.queued), "revived": len(outcome.revived)}
