"""How a linked account's sync is doing (``MeliAccount.health``), and a run's figures (sums, ETA).

An account's health is read for many accounts at once (a page of accounts): a fixed number of SQL
statements whatever their number, plus one Redis pipeline per account for its circuit breakers.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import DateTime, Text, Uuid, column, func, table
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import Principal
from melihub.connections import queries as accounts
from melihub.connections.models import AccountStatus
from melihub.db.base import utcnow
from melihub.meli.breaker import BreakerStatus, CircuitBreaker
from melihub.sync import queries
from melihub.sync.models import RESOURCES, RunStatus, SyncRun


class HealthState(StrEnum):
    HEALTHY = "healthy"
    DEGRADED = "degraded"
    FAILING = "failing"
    REAUTH_REQUIRED = "reauth_required"


FAILING_EVENTS_24H = 10  # failed notifications in a day from which an account is failing, not degraded
LAG_INTERVALS = 3  # a cursor further behind than this many incremental intervals is degraded
EVENTS_WINDOW = timedelta(hours=24)

# integration_events as a bare table: melihub.events sits beside this domain (pyproject's layers) and
# may not be imported; these four columns are all the count needs. 'failed' is EventStatus.FAILED.
_EVENTS = table(
    "integration_events",
    column("tenant_id", Uuid()),
    column("meli_account_id", Uuid()),
    column("status", Text()),
    column("updated_at", DateTime(timezone=True)),
)
FAILED_EVENT = "failed"


@dataclass(frozen=True)
class HealthFacts:
    """What an account's state is decided from."""

    account_status: str
    last_synced_at: datetime | None
    cursor_lag_seconds: int | None
    newest_run_status: str | None
    has_open_run: bool
    failed_events_24h: int
    breaker_open: bool


def decide(facts: HealthFacts, incremental_every_s: int) -> HealthState:
    """The first rule that holds: re-authorization, then failing, then degraded, else healthy."""
    if (
        facts.account_status == AccountStatus.REAUTH_REQUIRED.value
        or facts.newest_run_status == RunStatus.REAUTH_REQUIRED.value
    ):
        return HealthState.REAUTH_REQUIRED
    never_synced = facts.last_synced_at is None and not facts.has_open_run
    if (
        facts.breaker_open
        or facts.newest_run_status == RunStatus.FAILED.value
        or facts.failed_events_24h >= FAILING_EVENTS_24H
        or never_synced
    ):
        return HealthState.FAILING
    lagging = facts.cursor_lag_seconds is not None and facts.cursor_lag_seconds > LAG_INTERVALS * incremental_every_s
    if lagging or facts.failed_events_24h > 0:
        return HealthState.DEGRADED
    return HealthState.HEALTHY


@dataclass(frozen=True)
class AccountHealth:
    account_id: uuid.UUID
    last_synced_at: datetime | None
    cursor_lag_seconds: int | None  # None: never synced
    failed_events_24h: int
    token_expires_at: datetime | None
    breaker_open: bool
    state: HealthState


async def failed_events_since(
    session: AsyncSession, tenant_id: uuid.UUID, account_ids: Sequence[uuid.UUID], since: datetime
) -> dict[uuid.UUID, int]:
    """Per account, its integration events that failed (last changed at or after ``since``)."""
    if not account_ids:
        return {}
    events = _EVENTS.c
    rows = await session.exec(
        select(events.meli_account_id, func.count())
        .where(
            events.tenant_id == tenant_id,
            events.meli_account_id.in_(list(account_ids)),
            events.status == FAILED_EVENT,
            events.updated_at >= since,
        )
        .group_by(events.meli_account_id)
    )
    return {account_id: int(count) for account_id, count in rows.all()}


async def open_breakers(breaker: CircuitBreaker | None, account_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """The accounts with any endpoint family not closed (open, or half-open: still on trial)."""
    if breaker is None or not account_ids:
        return set()
    states = await asyncio.gather(*(breaker.states(str(account_id)) for account_id in account_ids))
    return {
        account_id
        for account_id, families in zip(account_ids, states, strict=True)
        if any(state.state != BreakerStatus.CLOSED for state in families.values())
    }


def _lag_seconds(mark: datetime | None, now: datetime) -> int | None:
    return None if mark is None else max(0, int((now - mark).total_seconds()))


async def accounts_health(
    session: AsyncSession,
    principal: Principal,
    breaker: CircuitBreaker | None,
    incremental_every_s: int,
    account_ids: Sequence[uuid.UUID],
    now: datetime | None = None,
) -> list[AccountHealth]:
    """The health of each of these accounts the caller may see (unseen ones are absent): 5 statements."""
    now = now or utcnow()
    rows = await accounts.accounts_by_ids(session, principal, list(dict.fromkeys(account_ids)))
    ids = [row.id for row in rows]
    cursors = await queries.cursors(session, ids)
    newest = await queries.latest_run_statuses(session, ids)
    open_runs = await queries.accounts_with_open_runs(session, ids)
    failed = await failed_events_since(session, principal.tenant_id, ids, now - EVENTS_WINDOW)
    tripped = await open_breakers(breaker, ids)
    found: list[AccountHealth] = []
    for account in rows:
        cursor = cursors.get(account.id)
        facts = HealthFacts(
            account_status=account.status,
            last_synced_at=cursor.last_synced_at if cursor else None,
            cursor_lag_seconds=_lag_seconds(cursor.orders_updated_to if cursor else None, now),
            newest_run_status=newest.get(account.id),
            has_open_run=account.id in open_runs,
            failed_events_24h=failed.get(account.id, 0),
            breaker_open=account.id in tripped,
        )
        found.append(
            AccountHealth(
                account_id=account.id,
                last_synced_at=facts.last_synced_at,
                cursor_lag_seconds=facts.cursor_lag_seconds,
                failed_events_24h=facts.failed_events_24h,
                token_expires_at=account.token_expires_at,
                breaker_open=facts.breaker_open,
                state=decide(facts, incremental_every_s),
            )
        )
    return found


# ---- a run's figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceProgress:
    resource: str
    total: int
    done: int


def run_progress(run: SyncRun) -> list[ResourceProgress]:
    """Per resource, in the order of ``RESOURCES`` (any other the run counted after them)."""
    names = [*RESOURCES, *(name for name in run.progress if name not in RESOURCES)]
    found: list[ResourceProgress] = []
    for name in names:
        counts = run.progress.get(name)
        counts = counts if isinstance(counts, dict) else {}
        found.append(ResourceProgress(name, int(counts.get("total") or 0), int(counts.get("done") or 0)))
    return found


def eta_seconds(run: SyncRun, now: datetime | None = None) -> int | None:
    """Seconds left at the pace so far; None when not running, not started, or nothing to measure yet.

    Totals grow as windows reveal them, so this is an estimate, and unknown (None) while every counted
    unit is done but the run goes on.
    """
    if run.status != RunStatus.RUNNING.value or run.started_at is None:
        return None
    progress = run_progress(run)
    total, done = sum(p.total for p in progress), sum(p.done for p in progress)
    if done <= 0 or done >= total:
        return None
    elapsed = max(0.0, ((now or utcnow()) - run.started_at).total_seconds())
    return round(elapsed * (total - done) / done)
