"""Running a sync run: plan its units once, work them concurrently, keep the row and subscribers told.

``execute`` works until the run is done, stopped (cancelled, paused for re-authorisation, failed) or
the caller's deadline passes; then the run is still ``running`` and the caller queues the next slice
(workers do; the CLI passes no deadline). Every unit moves its checkpoint with its data, so a killed
process loses at most the page it was on. A Redis lock keeps a second executor of the same run out.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from melihub import metrics
from melihub.aio import cancel_and_wait
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.db.base import utcnow
from melihub.meli import errors as meli_errors
from melihub.observability import get_logger
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services
from melihub.sync import checkpoints, flows, plan, queries, service
from melihub.sync.context import RunContext
from melihub.sync.fetch import Fetcher, Stopped
from melihub.sync.models import OPEN_STATUSES, RunStatus, SyncCheckpoint, SyncRun
from melihub.sync.progress import Progress
from melihub.sync.steps import comms, listings, orders

log = get_logger("melihub.sync")
HEARTBEAT_S = 1.0
PAUSE_GRACE_S = 2.0  # after the deadline, how long a unit may take to end its step (workers give more)
LOCK_TTL_MS = 30_000

Unit = Callable[[RunContext, SyncCheckpoint], Coroutine[Any, Any, None]]
UNITS: dict[str, Unit] = {
    orders.RESOURCE: orders.run_window,
    listings.RESOURCE: listings.run,
    comms.QUESTIONS: comms.run_questions,
    comms.CLAIMS: comms.run_claims,
    comms.MESSAGES: comms.run_threads,
}


@dataclass(frozen=True)
class Outcome:
    status: str  # the run's status after this slice
    more: bool = False  # the deadline passed with work left: queue the next slice
    busy: bool = False  # another executor holds the run


class _Stop:
    """Why the units were told to stop (the first reason wins)."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.pause = asyncio.Event()  # the slice's deadline: stop between steps, not in the middle of one
        self.status: RunStatus | None = None
        self.reason: str | None = None

    def set(self, status: RunStatus | None, reason: str | None) -> None:
        if not self.event.is_set():
            self.status, self.reason = status, reason
            self.event.set()


async def execute(
    services: Services,
    tenant_id: uuid.UUID,
    run_id: uuid.UUID,
    *,
    deadline: float | None = None,
    pause_grace_s: float = PAUSE_GRACE_S,
) -> Outcome:
    lock = f"melihub:sync:lock:{run_id}"
    token = secrets.token_hex(8)
    if not await services.redis.set(lock, token, nx=True, px=LOCK_TTL_MS):
        return Outcome(status=RunStatus.RUNNING.value, busy=True)
    try:
        return await _execute(services, tenant_id, run_id, (deadline, pause_grace_s), lock)
    finally:
        with contextlib.suppress(Exception):
            if (await services.redis.get(lock) or b"").decode() == token:
                await services.redis.delete(lock)


async def _execute(
    services: Services, tenant_id: uuid.UUID, run_id: uuid.UUID, slice_: tuple[float | None, float], lock: str
) -> Outcome:
    async with services.db.tenant(tenant_id) as session:
        run = await queries.run_by_id(session, run_id)
        if run is None or run.status not in OPEN_STATUSES:
            return Outcome(status=run.status if run else "missing")
        account = await session.get(MeliAccount, run.meli_account_id)
        assert account is not None
        if run.cancel_requested:
            run = await service.finish(session, run.id, RunStatus.CANCELLED, Progress(), [], reason="cancelled")
        elif account.status != AccountStatus.ACTIVE.value:
            run = await service.finish(
                session,
                run.id,
                RunStatus.REAUTH_REQUIRED,
                _stored(run),
                [],
                reason="the account needs re-authorization",
            )
        else:
            await service.mark_running(session, run)
            cursor = await queries.cursor_of(session, account.id)
            rows = await checkpoints.of_run(session, run.id)
            if not rows:
                await checkpoints.add_many(session, run, plan.units_of(run, cursor, services.settings, utcnow()))
                rows = await checkpoints.of_run(session, run.id)
    if run.status not in OPEN_STATUSES:
        await _announce(services, run)
        return Outcome(status=run.status)
    progress = plan.restored(rows, run.requests, run.errors)
    stop = _Stop()
    fetcher = Fetcher(
        progress,
        stop.event,
        pause=stop.pause,
        in_flight=services.settings.sync_requests_in_flight,
        attempts=services.settings.sync_attempts,
    )
    ctx = RunContext(services, run, account, meli_client(services), fetcher, progress, now=utcnow())
    await flows.announce(services, run)
    deadline, grace = slice_
    beat = asyncio.create_task(_heartbeat(ctx, stop, deadline, lock))
    try:
        await _work(ctx, stop, grace)
    finally:
        await cancel_and_wait(beat)
    return await _conclude(ctx, stop)


def _stored(run: SyncRun) -> Progress:
    return Progress.restore(run.progress, run.requests, run.errors)


async def _work(ctx: RunContext, stop: _Stop, grace_s: float) -> None:
    """Start pending units up to the limit; new units (halves, listing batches, threads) join as they appear."""
    limit = ctx.services.settings.sync_units_in_parallel
    running: dict[asyncio.Task[None], SyncCheckpoint] = {}
    try:
        while not (stop.event.is_set() or stop.pause.is_set()):
            pending, planned = await _pending(ctx)
            if not planned and not any(row.resource == orders.RESOURCE for row in pending):
                await comms.plan_messages(ctx)
                continue
            busy = {row.id for row in running.values()}
            for row in [r for r in pending if r.id not in busy][: limit - len(running)]:
                running[asyncio.create_task(UNITS[row.resource](ctx, row))] = row
            if not running:
                return
            await _until_one_ends(running, stop)
            for task in [task for task in running if task.done()]:
                _judge(task, running.pop(task), stop)
        if running:  # paused: each unit ends its step (or loses it: the next slice does it again)
            await asyncio.wait(running, timeout=grace_s)
            for task in [task for task in running if task.done()]:
                _judge(task, running.pop(task), stop)
    finally:
        stop.set(None, None)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)


async def _until_one_ends(running: dict[asyncio.Task[None], SyncCheckpoint], stop: _Stop) -> None:
    """A unit ended, or the run was told to stop or pause (a unit in a long step must not hold the slice)."""
    signals = [asyncio.ensure_future(stop.event.wait()), asyncio.ensure_future(stop.pause.wait())]
    try:
        await asyncio.wait([*running, *signals], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for signal in signals:
            signal.cancel()


async def _pending(ctx: RunContext) -> tuple[list[SyncCheckpoint], bool]:
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        return await checkpoints.pending_of(session, ctx.run.id), await checkpoints.has(
            session, ctx.run.id, comms.MESSAGES
        )


def _judge(task: asyncio.Task[None], row: SyncCheckpoint, stop: _Stop) -> None:
    error = task.exception()
    if error is None or isinstance(error, Stopped):
        return
    if isinstance(error, meli_errors.ReauthRequired):
        stop.set(RunStatus.REAUTH_REQUIRED, f"the account needs re-authorization ({error})")
        return
    log.warning("sync.unit_failed", resource=row.resource, key=row.key, error=f"{type(error).__name__}: {error}")
    stop.set(RunStatus.FAILED, f"{row.resource} {row.key}: {type(error).__name__}: {error}"[:1000])


async def _heartbeat(ctx: RunContext, stop: _Stop, deadline: float | None, lock: str) -> None:
    while not stop.event.is_set():
        await asyncio.sleep(HEARTBEAT_S)
        try:
            async with ctx.services.db.tenant(ctx.tenant_id) as session:
                row = await service.save_progress(session, ctx.run.id, ctx.progress, ctx.notes)
            await ctx.services.redis.pexpire(lock, LOCK_TTL_MS)
        except Exception as exc:  # noqa: BLE001 - a missed beat is not a failed run; the next one writes
            log.warning("sync.heartbeat_failed", error=type(exc).__name__)
            continue
        await flows.announce(ctx.services, row)
        if row.cancel_requested:
            stop.set(RunStatus.CANCELLED, "cancelled")
        elif deadline is not None and time.monotonic() > deadline:
            stop.pause.set()  # units finish their step; the next slice continues from the checkpoints


async def _conclude(ctx: RunContext, stop: _Stop) -> Outcome:
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        rows = await checkpoints.of_run(session, ctx.run.id)
    left = checkpoints.pending(rows)
    status = stop.status
    if status is None and not left:
        status = RunStatus.SUCCEEDED
    scanned = any(row.resource == listings.RESOURCE for row in rows)
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        if status is None:  # the deadline: the next slice continues from the checkpoints
            run = await service.save_progress(session, ctx.run.id, ctx.progress, ctx.notes)
        else:
            run = await service.finish(
                session, ctx.run.id, status, ctx.progress, ctx.notes, reason=stop.reason, scanned_listings=scanned
            )
    await _announce(ctx.services, run)
    metrics.SYNC_SLICES.labels(str(run.status)).inc()
    log.info("sync.slice_done", run=str(run.id), status=run.status, requests=ctx.progress.requests, left=len(left))
    return Outcome(status=run.status, more=status is None)


async def _announce(services: Services, run: SyncRun) -> None:
    await flows.announce(services, run)
    # The account's health (last sync, state) changed with its run.
    await publish(
        services.redis,
        Change(str(run.tenant_id), "meli_account", str(run.meli_account_id), meli_account_id=str(run.meli_account_id)),
    )
