"""Side effects of the sync domain after its writes commit: the worker job, and the change published."""

from __future__ import annotations

import secrets

from melihub.observability import get_logger
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services
from melihub.sync.models import SyncRun

log = get_logger("melihub.sync")
SYNC_JOB = "run_sync"
SYNC_RUN_CHANGE = "sync_run"


def job_id(run: SyncRun, slice_tag: str | None = None) -> str:
    """One job per slice of a run: a re-enqueue after a slice gets a new id, a duplicate enqueue does not."""
    return f"sync:{run.id}:{slice_tag or 'start'}"


async def enqueue(services: Services, run: SyncRun, slice_tag: str | None = None) -> bool:
    """Queue the run's next slice; False when Redis is away (the watchdog cron queues it later)."""
    try:
        job = await services.redis.enqueue_job(
            SYNC_JOB, str(run.tenant_id), str(run.id), _job_id=job_id(run, slice_tag)
        )
    except Exception as exc:  # noqa: BLE001 - the run is in the database; the watchdog retries
        log.warning("sync.enqueue_failed", run=str(run.id), error=type(exc).__name__)
        return False
    return job is not None


def fresh_slice() -> str:
    return secrets.token_hex(4)


async def announce(services: Services, run: SyncRun) -> None:
    await publish(
        services.redis,
        Change(str(run.tenant_id), SYNC_RUN_CHANGE, str(run.id), run.status, str(run.meli_account_id)),
    )
