"""Exports' changes on the bus (``exportProgress``) and their jobs on the queue."""

from __future__ import annotations

from melihub.exports.models import Export
from melihub.observability import get_logger
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services

EXPORT_CHANGE = "export"
EXPORT_JOB = "run_export"
log = get_logger("melihub.exports")


async def announce(services: Services, export: Export) -> None:
    # No account on the change: an export may span several; subscribers load it with their own limits.
    version = f"{export.status}:{export.rows}"
    await publish(services.redis, Change(str(export.tenant_id), EXPORT_CHANGE, str(export.id), version))


async def enqueue(services: Services, export: Export) -> bool:
    """Queue the export's job; False when Redis is away (the cleanup cron fails it once it is stale)."""
    try:
        job = await services.redis.enqueue_job(
            EXPORT_JOB, str(export.tenant_id), str(export.id), _job_id=f"export:{export.id}"
        )
    except Exception as exc:  # noqa: BLE001 - the export is stored; reading it shows it queued
        log.warning("export.enqueue_failed", export=str(export.id), error=type(exc).__name__)
        return False
    return job is not None
