"""Schedules' crons, and the two minute jobs of exports: start what is due, clean up what is old.

A cron has five fields (minute hour day month weekday) and is read in the tenant's zone (``0 8 * * 1-5``:
weekdays at 08:00 in São Paulo). ``next_run_at`` is the next slot; the minute job starts the schedules
whose slot has come: one export per (schedule, slot), unique in PostgreSQL, with the schedules locked
``FOR UPDATE SKIP LOCKED``, so two workers, or a job replayed, never start a slot twice. Slots missed
while no worker ran are caught up once, not one by one. A run reads with the schedule's accounts, within
what its creator may still see: a creator who left the tenant, or a revoked token, fails the run.

Cleanup: a DONE export past its ``expires_at`` loses its file and shows EXPIRED; an open export whose
heartbeat (``updated_at``) stopped (its worker died for good, or it was never queued) is FAILED.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from croniter import croniter
from sqlalchemy import text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import ApiToken, Membership
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.exports import storage
from melihub.exports.models import OPEN_STATUSES, Export, ExportSchedule, ExportStatus
from melihub.exports.notify import announce, enqueue
from melihub.runtime import Services

STALE_AFTER_MIN_S = 300


def checked_cron(expression: str) -> str:
    """The expression, tidied; INVALID on ``cron`` unless it is a valid five-field cron."""
    tidy = " ".join(expression.split())
    if len(tidy.split(" ")) != 5 or not croniter.is_valid(tidy):
        message = "give a cron of five fields: minute hour day-of-month month day-of-week (e.g. 0 8 * * 1-5)"
        raise DomainError(message, field="cron", code="INVALID")
    return tidy


def next_slot(expression: str, time_zone: str, after: datetime) -> datetime:
    """The first slot of the cron strictly after ``after``, in UTC."""
    local = after.astimezone(ZoneInfo(time_zone))
    following: datetime = croniter(expression, local).get_next(datetime)
    return following.astimezone(ZoneInfo("UTC"))


async def _tenants(services: Services, function: str, **params: datetime) -> list[uuid.UUID]:
    names = ", ".join(f":{name}" for name in params)
    async with services.db.global_session() as session:
        rows = (await session.exec(text(f"SELECT * FROM {function}({names})"), params=params)).all()  # type: ignore[call-overload]
    return [row[0] for row in rows]


async def run_due_schedules(services: Services, now: datetime | None = None) -> list[Export]:
    """Start every schedule whose slot has come by ``now``; the exports started (each queued)."""
    at = now or utcnow()
    started: list[Export] = []
    for tenant_id in await _tenants(services, "melihub_export_due_tenants", now=at):
        async with services.db.tenant(tenant_id) as session:
            due = (
                await session.exec(
                    select(ExportSchedule)
                    .where(col(ExportSchedule.active), col(ExportSchedule.next_run_at) <= at)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            mine = [export for schedule in due if (export := await _start_slot(session, schedule, at))]
        for export in mine:
            if export.status == ExportStatus.QUEUED.value:
                await enqueue(services, export)
            await announce(services, export)
        started += mine
    return started


async def _start_slot(session: AsyncSession, schedule: ExportSchedule, now: datetime) -> Export | None:
    slot = schedule.next_run_at
    assert slot is not None
    problem = await _creator_problem(session, schedule)
    scope = await _run_scope(session, schedule)
    values = {
        "id": uuid.uuid4(),
        "tenant_id": schedule.tenant_id,
        "kind": schedule.kind,
        "format": schedule.format,
        "filter": schedule.filter,
        "meli_account_ids": scope,
        "time_zone": schedule.time_zone,
        "locale": schedule.locale,
        "keep_hours": schedule.keep_hours,
        "schedule_id": schedule.id,
        "slot_at": slot,
        "created_by_user_id": schedule.created_by_user_id,
        "created_by_token_id": schedule.created_by_token_id,
        "status": ExportStatus.FAILED.value if problem else ExportStatus.QUEUED.value,
        "error": problem,
        "finished_at": now if problem else None,
        "rows": 0,
        "progress": 0.0,
        "attempts": 0,
        "created_at": now,
        "updated_at": now,
    }
    statement = (
        insert(Export)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["schedule_id", "slot_at"])
        .returning(col(Export.id))
    )
    inserted = (await session.exec(statement)).first()
    schedule.last_run_at = slot
    schedule.next_run_at = next_slot(schedule.cron, schedule.time_zone, max(now, slot))
    session.add(schedule)
    if inserted is None:
        return None  # another worker started this slot
    return await session.get(Export, inserted[0])


async def _creator_problem(session: AsyncSession, schedule: ExportSchedule) -> str | None:
    if schedule.created_by_token_id is not None:
        token = await session.get(ApiToken, schedule.created_by_token_id)
        if token is None or token.revoked_at is not None:
            return "the API token that created this schedule was revoked: create the schedule again"
        return None
    if await _membership(session, schedule) is None:
        return "the member who created this schedule is no longer in the company: create the schedule again"
    return None


async def _membership(session: AsyncSession, schedule: ExportSchedule) -> Membership | None:
    if schedule.created_by_user_id is None:
        return None
    query = select(Membership).where(col(Membership.user_id) == schedule.created_by_user_id)
    return (await session.exec(query)).first()


async def _run_scope(session: AsyncSession, schedule: ExportSchedule) -> list[uuid.UUID] | None:
    """The schedule's accounts within its creator's current limits (a token has none)."""
    membership = await _membership(session, schedule)
    limits = membership.meli_account_ids if membership is not None else None
    if limits is None:
        return schedule.meli_account_ids
    if schedule.meli_account_ids is None:
        return sorted(limits)
    return sorted(set(schedule.meli_account_ids) & set(limits))


# ---- cleanup ----------------------------------------------------------------------------------------


@dataclass
class Cleaned:
    expired: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)


def stale_after(services: Services) -> timedelta:
    """An open export whose heartbeat is older than this has no live job (twice the job timeout)."""
    return timedelta(seconds=max(STALE_AFTER_MIN_S, 2 * services.settings.worker_job_timeout_s))


async def clean_up(services: Services, now: datetime | None = None) -> Cleaned:
    at = now or utcnow()
    stale_before = at - stale_after(services)
    outcome = Cleaned()
    for tenant_id in await _tenants(services, "melihub_export_cleanup_tenants", now=at, stale_before=stale_before):
        async with services.db.tenant(tenant_id) as session:
            expired = await _mark(
                session,
                (col(Export.status) == ExportStatus.DONE.value) & (col(Export.expires_at) <= at),
                {"status": ExportStatus.EXPIRED.value, "updated_at": at},
            )
            message = "the export's worker stopped before it finished: start it again"
            failed = await _mark(
                session,
                col(Export.status).in_(OPEN_STATUSES) & (col(Export.updated_at) < stale_before),
                {"status": ExportStatus.FAILED.value, "error": message, "finished_at": at, "updated_at": at},
            )
        for export in (*expired, *failed):
            await announce(services, export)
        outcome.expired += [e.id for e in expired]
        outcome.failed += [e.id for e in failed]
    return outcome


async def _mark(session: AsyncSession, condition: ColumnElement[bool], values: dict[str, object]) -> list[Export]:
    """Set ``values`` on the exports matching ``condition`` and delete their files."""
    ids = (await session.exec(update(Export).where(condition).values(**values).returning(col(Export.id)))).all()
    for (export_id,) in ids:
        await storage.drop_chunks(session, export_id)
    if not ids:
        return []
    return list((await session.exec(select(Export).where(col(Export.id).in_([i for (i,) in ids])))).all())
