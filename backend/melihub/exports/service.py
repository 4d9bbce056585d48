"""Writes of exports: start one (``startExport``), create and cancel schedules.

An export is its caller's request, limited at once to the accounts the caller may see: the accounts it
asked for (each must be visible, else NOT_FOUND on ``filter.meliAccountIds``), or, for a member limited
to some accounts, all of theirs. That list is stored on the row and is all the worker reads. Starting an
export needs READ (it changes nothing: analysts export too); schedules need OPERATE.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Tenant, User
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections import queries as accounts
from melihub.db.base import utcnow
from melihub.db.paging import account_scope
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.exports import filters, queries, schedules
from melihub.exports.columns import DEFAULT_LOCALE, LOCALES
from melihub.exports.filters import ExportFilter
from melihub.exports.models import Export, ExportFormat, ExportKind, ExportSchedule
from melihub.exports.notify import announce, enqueue
from melihub.runtime import Services

DEFAULT_KEEP_HOURS = 24
DEFAULT_SCHEDULE_KEEP_HOURS = 168
MAX_KEEP_HOURS = 24 * 90
ACCOUNTS_FIELD = "filter.meliAccountIds"
OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]


@dataclass(frozen=True)
class ExportRequest:
    kind: ExportKind
    format: ExportFormat
    filter: ExportFilter


@dataclass(frozen=True)
class Requester:
    """Who asks, in the tenant's terms: the accounts the export may read, the zone and the language."""

    account_ids: list[uuid.UUID] | None
    time_zone: str
    locale: str


async def _requester(session: AsyncSession, principal: Principal, requested: Sequence[uuid.UUID] | None) -> Requester:
    if requested:
        seen = {row.id for row in await accounts.accounts_by_ids(session, principal, list(requested))}
        if any(account not in seen for account in requested):
            raise DomainError("no Mercado Livre account with this id is visible to you", field=ACCOUNTS_FIELD,
                              code="NOT_FOUND")  # fmt: skip
    scope = account_scope(principal, list(requested) if requested else None)
    tenant = await session.get(Tenant, principal.tenant_id)
    user = await session.get(User, principal.user_id) if principal.user_id else None
    locale = user.locale if user is not None and user.locale in LOCALES else DEFAULT_LOCALE
    return Requester(sorted(set(scope)) if scope is not None else None, tenant.time_zone if tenant else "UTC", locale)


def _opener(services: Services, principal: Principal, store_in: OpenUnit | None) -> OpenUnit:
    return store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))


async def start_export(
    services: Services,
    principal: Principal,
    request: ExportRequest,
    *,
    store_in: OpenUnit | None = None,
    note: Callable[[Export], None] | None = None,
) -> Export:
    """Store the export (QUEUED) and queue its job once the transaction committed."""
    principal.require(Permission.READ)
    async with _opener(services, principal, store_in)() as work:
        who = await _requester(work.session, principal, request.filter.meli_account_ids)
        checked = filters.checked(request.kind, request.filter)
        export = Export(
            tenant_id=principal.tenant_id,
            kind=request.kind.value,
            format=request.format.value,
            filter=checked.as_json(),
            meli_account_ids=who.account_ids,
            time_zone=who.time_zone,
            locale=who.locale,
            keep_hours=DEFAULT_KEEP_HOURS,
            created_by_user_id=principal.user_id if principal.api_token_id is None else None,
            created_by_token_id=principal.api_token_id,
        )
        work.session.add(export)
        await work.session.flush()
        work.after_commit(lambda: enqueue(services, export))
        work.after_commit(lambda: announce(services, export))
        if note is not None:
            note(export)
    return export


def check_keep_hours(keep_hours: int) -> None:
    if not 1 <= keep_hours <= MAX_KEEP_HOURS:
        message = f"keep each file between 1 and {MAX_KEEP_HOURS} hours"
        raise DomainError(message, field="keepHours", code="INVALID")


async def create_schedule(
    services: Services,
    principal: Principal,
    request: ExportRequest,
    cron: str,
    keep_hours: int,
    *,
    store_in: OpenUnit | None = None,
    note: Callable[[ExportSchedule], None] | None = None,
    now: datetime | None = None,
) -> ExportSchedule:
    """A schedule whose first run is the cron's next slot after ``now``, in the tenant's zone."""
    principal.require(Permission.OPERATE)
    async with _opener(services, principal, store_in)() as work:
        who = await _requester(work.session, principal, request.filter.meli_account_ids)
        checked = filters.checked(request.kind, request.filter)
        expression = schedules.checked_cron(cron)
        check_keep_hours(keep_hours)
        schedule = ExportSchedule(
            tenant_id=principal.tenant_id,
            kind=request.kind.value,
            format=request.format.value,
            filter=checked.as_json(),
            meli_account_ids=who.account_ids,
            cron=expression,
            time_zone=who.time_zone,
            locale=who.locale,
            keep_hours=keep_hours,
            next_run_at=schedules.next_slot(expression, who.time_zone, now or utcnow()),
            created_by_user_id=principal.user_id if principal.api_token_id is None else None,
            created_by_token_id=principal.api_token_id,
        )
        work.session.add(schedule)
        await work.session.flush()
        if note is not None:
            note(schedule)
    return schedule


async def cancel_schedule(
    services: Services,
    principal: Principal,
    schedule_id: uuid.UUID,
    *,
    store_in: OpenUnit | None = None,
    note: Callable[[ExportSchedule, bool], None] | None = None,
) -> ExportSchedule:
    """Stop the schedule (its exports stay until they expire); cancelling it again changes nothing."""
    principal.require(Permission.OPERATE)
    async with _opener(services, principal, store_in)() as work:
        schedule = await queries.get_schedule(work.session, principal, schedule_id)
        if schedule is None:
            raise DomainError("no export schedule with this id is visible to you", field="id", code="NOT_FOUND")
        was_active = schedule.active
        if was_active:
            schedule.active, schedule.cancelled_at, schedule.next_run_at = False, utcnow(), None
            work.session.add(schedule)
        if note is not None:
            note(schedule, was_active)
    return schedule
