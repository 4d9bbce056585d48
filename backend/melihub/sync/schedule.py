"""The worker's minute cron: queue the incremental runs that are due, and pick up runs nobody is working.

An account that never completed a backfill (linked before sync existed, or its first one failed) gets
one; otherwise an incremental run every ``sync_incremental_every_s``. A run whose heartbeat stopped
(its worker was killed) or that sits queued without a job is queued again: the run's Redis lock makes
sure only one executor works it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from melihub.connections.maintenance import directory
from melihub.connections.models import AccountStatus
from melihub.db.base import utcnow
from melihub.runtime import Services
from melihub.sync import flows, queries, service
from melihub.sync.models import FINISHED_STATUSES, RunKind, RunStatus, SyncRun

QUEUED_GRACE = timedelta(seconds=30)


@dataclass
class Scheduled:
    queued: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)


def _due(latest: SyncRun | None, every: timedelta, now: datetime) -> bool:
    if latest is None:
        return True
    if latest.status not in FINISHED_STATUSES:
        return False  # open, or paused until the seller relinks
    return latest.finished_at is None or now - latest.finished_at >= every


def _stale(run: SyncRun, settings_timeout_s: int, now: datetime) -> bool:
    if run.status == RunStatus.QUEUED.value:
        return now - run.created_at > QUEUED_GRACE
    beat = run.heartbeat_at or run.started_at or run.created_at
    return now - beat > timedelta(seconds=settings_timeout_s + 15)


async def schedule(services: Services) -> Scheduled:
    outcome = Scheduled()
    every = timedelta(seconds=services.settings.sync_incremental_every_s)
    now = utcnow()
    for entry in await directory(services):
        if entry.status != AccountStatus.ACTIVE.value:
            continue
        async with services.db.tenant(entry.tenant_id) as session:
            latest = await queries.latest_run_of(session, entry.account_id)
            cursor = await queries.cursor_of(session, entry.account_id)
        if latest is not None and latest.status in (RunStatus.QUEUED.value, RunStatus.RUNNING.value):
            if _stale(latest, services.settings.worker_job_timeout_s, now):
                await flows.enqueue(services, latest, flows.fresh_slice())
                outcome.revived.append(str(latest.id))
            continue
        if not _due(latest, every, now):
            continue
        kind = RunKind.INCREMENTAL if cursor and cursor.last_backfill_at else RunKind.BACKFILL
        try:
            run, _joined = await service.queue_run(services, entry.tenant_id, entry.account_id, kind=kind)
        except service.SyncError:
            continue
        outcome.queued.append(str(run.id))
    return outcome
