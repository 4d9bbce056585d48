"""Sync runs: queue one (or join the open one), cancel, resume after relinking, and the engine's writes.

At most one run per account is open; a second start joins it (a partial unique index makes the race
safe). Writes take the caller's session where the engine needs them inside its own transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import AccountStatus, MeliAccount
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.runtime import Services
from melihub.sync import flows, queries
from melihub.sync.models import FINISHED_STATUSES, RunKind, RunStatus, SyncCursor, SyncRun
from melihub.sync.progress import Progress
from melihub.sync.windows import searchable_since


class SyncError(DomainError):
    """An expected refusal of a sync request (a :class:`DomainError`: GraphQL answers it as data)."""


def default_since(services: Services, now: datetime) -> datetime:
    return now - timedelta(days=services.settings.sync_backfill_days)


def _since_of(services: Services, kind: RunKind, since: datetime | None, cursor: SyncCursor | None) -> datetime:
    now = utcnow()
    if since is not None:
        if since.tzinfo is None:
            raise SyncError("since needs a time zone", code="BAD_USER_INPUT", field="since")
        if since >= now:
            raise SyncError("since must be in the past", code="BAD_USER_INPUT", field="since")
        return since
    if kind == RunKind.INCREMENTAL and cursor and cursor.orders_updated_to:
        return cursor.orders_updated_to - timedelta(seconds=services.settings.sync_overlap_s)
    return default_since(services, now)


async def queue_run(
    services: Services,
    tenant_id: uuid.UUID,
    account_id: uuid.UUID,
    *,
    kind: RunKind | None = None,
    since: datetime | None = None,
    requested_by: uuid.UUID | None = None,
) -> tuple[SyncRun, bool]:
    """Queue a run of the account, or return the open one (``joined``). ``kind`` None: a backfill when
    ``since`` is given or the account never completed one, else an incremental run."""
    try:
        async with services.db.tenant(tenant_id) as session:
            account = await session.get(MeliAccount, account_id)
            if account is None:
                raise SyncError("no such Mercado Livre account", code="NOT_FOUND", field="meliAccountId")
            if account.status != AccountStatus.ACTIVE.value:
                raise SyncError(
                    "the Mercado Livre account needs re-authorization before it can sync",
                    code="REAUTH_REQUIRED",
                    field="meliAccountId",
                )
            existing = await queries.open_run_of(session, account_id)
            if existing is not None:
                return existing, True
            cursor = await queries.cursor_of(session, account_id)
            if kind is None:
                completed = cursor is not None and cursor.last_backfill_at is not None
                kind = RunKind.INCREMENTAL if since is None and completed else RunKind.BACKFILL
            start = _since_of(services, kind, since, cursor)
            run = SyncRun(
                tenant_id=tenant_id,
                meli_account_id=account_id,
                kind=kind.value,
                since=start,
                until=utcnow(),
                progress=Progress().as_json(),
                requested_by=requested_by,
            )
            session.add(run)
            await session.flush()
    except IntegrityError:  # another start won the race for the account's one open run
        async with services.db.tenant(tenant_id) as session:
            existing = await queries.open_run_of(session, account_id)
        if existing is None:
            raise
        return existing, True
    await flows.enqueue(services, run)
    await flows.announce(services, run)
    return run, False


async def cancel_run(services: Services, tenant_id: uuid.UUID, run_id: uuid.UUID) -> SyncRun:
    """A queued or paused run stops at once; a running one within a second (at its next checkpoint)."""
    async with services.db.tenant(tenant_id) as session:
        run = await session.get(SyncRun, run_id, with_for_update=True)
        if run is None:
            raise SyncError("no such sync run", code="NOT_FOUND", field="id")
        if run.status in FINISHED_STATUSES:
            raise SyncError(f"the sync run already {run.status}", code="ALREADY_FINISHED", field="id")
        if run.status == RunStatus.RUNNING.value:
            run.cancel_requested = True
        else:
            run.status, run.finished_at, run.reason = RunStatus.CANCELLED.value, utcnow(), "cancelled"
        session.add(run)
    await flows.announce(services, run)
    return run


async def account_linked(services: Services, account: MeliAccount, relinked: bool) -> SyncRun | None:
    """Linking starts the history: a paused run resumes; a new account (or one back after a long gap)
    gets a backfill; a quick relink catches up incrementally."""
    async with services.db.tenant(account.tenant_id) as session:
        paused = await queries.paused_run_of(session, account.id)
        if paused is not None and await queries.open_run_of(session, account.id) is None:
            paused.status, paused.reason, paused.cancel_requested = RunStatus.QUEUED.value, None, False
            session.add(paused)
        else:
            paused = None
        cursor = await queries.cursor_of(session, account.id)
    if paused is not None:
        await flows.enqueue(services, paused, flows.fresh_slice())
        await flows.announce(services, paused)
        return paused
    gap = timedelta(seconds=services.settings.sync_relink_gap_s)
    last = cursor.last_synced_at if cursor else None
    since = None
    if relinked and last is not None and utcnow() - last > gap:
        since = searchable_since(last - timedelta(seconds=services.settings.sync_overlap_s), utcnow())
    kind = RunKind.BACKFILL if last is None or since is not None else RunKind.INCREMENTAL
    run, _joined = await queue_run(services, account.tenant_id, account.id, kind=kind, since=since)
    return run


# ---- the engine's writes -------------------------------------------------------------------------


async def mark_running(session: AsyncSession, run: SyncRun) -> None:
    now = utcnow()
    run.status, run.heartbeat_at = RunStatus.RUNNING.value, now
    run.started_at = run.started_at or now
    session.add(run)


async def save_progress(session: AsyncSession, run_id: uuid.UUID, progress: Progress, notes: list[str]) -> SyncRun:
    """Write the counters and the heartbeat; the row read back says whether a cancel was asked."""
    run = await session.get(SyncRun, run_id, with_for_update=True)
    assert run is not None
    _fill(run, progress, notes)
    run.heartbeat_at = utcnow()
    session.add(run)
    return run


def _fill(run: SyncRun, progress: Progress, notes: list[str]) -> None:
    run.progress, run.requests, run.errors = progress.as_json(), progress.requests, progress.errors
    run.notes = list(dict.fromkeys([*run.notes, *notes]))[:50]


async def finish(
    session: AsyncSession,
    run_id: uuid.UUID,
    status: RunStatus,
    progress: Progress,
    notes: list[str],
    *,
    reason: str | None = None,
    scanned_listings: bool = False,
) -> SyncRun:
    run = await session.get(SyncRun, run_id, with_for_update=True)
    assert run is not None
    if status == RunStatus.SUCCEEDED:
        progress.settle()
        await _advance_cursor(session, run, scanned_listings)
    _fill(run, progress, notes)
    run.status, run.reason = status.value, reason
    run.finished_at = utcnow() if status.value in FINISHED_STATUSES else None
    session.add(run)
    return run


async def _advance_cursor(session: AsyncSession, run: SyncRun, scanned_listings: bool) -> None:
    cursor = await queries.cursor_of(session, run.meli_account_id) or SyncCursor(
        tenant_id=run.tenant_id, meli_account_id=run.meli_account_id
    )
    until = run.until or utcnow()
    cursor.orders_updated_to = max(filter(None, [cursor.orders_updated_to, until]))
    cursor.questions_to = max(filter(None, [cursor.questions_to, until]))
    if scanned_listings:
        cursor.listings_scanned_at = until
    cursor.last_synced_at = utcnow()
    if run.kind == RunKind.BACKFILL.value:
        cursor.last_backfill_at = utcnow()
    session.add(cursor)


def linked_hook(services: Services) -> Callable[[MeliAccount, bool], Awaitable[SyncRun | None]]:
    """``Services.account_linked``: start the sync; a failure to queue it never fails the link (the
    minute cron queues the backfill of an account that has none)."""

    async def started(account: MeliAccount, relinked: bool) -> SyncRun | None:
        try:
            return await account_linked(services, account, relinked)
        except Exception as exc:  # noqa: BLE001
            flows.log.warning("sync.start_after_link_failed", account=str(account.id), error=type(exc).__name__)
            return None

    return started
