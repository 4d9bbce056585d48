"""Jobs queued once per active Mercado Livre account and hour: the job id carries the hour, so a cron that
fires twice (two worker processes, a restart) queues each account's job once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from melihub.connections.maintenance import DirectoryEntry, directory
from melihub.connections.models import AccountStatus
from melihub.observability import get_logger
from melihub.runtime import Services

log = get_logger("melihub.workers.hourly")

# What the job takes after (tenant id, account id); None when this account has nothing due this hour.
ExtraArgs = Callable[[DirectoryEntry], Awaitable[tuple[object, ...] | None]]


async def _no_extra_args(_entry: DirectoryEntry) -> tuple[object, ...]:
    return ()


async def queue_per_active_account(
    services: Services, job: str, key: str, extra_args: ExtraArgs = _no_extra_args
) -> int:
    """Queue ``job`` for every active account with something due; returns how many were newly queued."""
    hour = datetime.now(UTC).strftime("%Y%m%d%H")
    queued = 0
    for entry in await directory(services):
        if entry.status != AccountStatus.ACTIVE.value:
            continue
        args = await extra_args(entry)
        if args is None:
            continue
        try:
            queued_job = await services.redis.enqueue_job(
                job, str(entry.tenant_id), str(entry.account_id), *args, _job_id=f"{key}:{entry.account_id}:{hour}"
            )
        except Exception as exc:  # noqa: BLE001 - the next hour's run queues it again
            log.warning(f"{key}.enqueue_failed", account=str(entry.account_id), error=type(exc).__name__)
            continue
        queued += queued_job is not None
    return queued
