"""Reads of exports and schedules, limited to what the caller may see.

An export started by hand is its requester's: they see it, and so do the tenant's owners and admins.
Exports of a schedule, and schedules, are the team's: every member who may read sees them. On top of
that, account limits always hold: a member limited to some accounts sees an export or schedule only
when all its accounts are among theirs (one over every account needs an unlimited member), even their
own from before a limit was set.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import false, func, or_, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Role
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.idempotent import table_of
from melihub.db.paging import Ordering, Page, PageRequest, fetch_page
from melihub.exports.models import Export, ExportSchedule

SEES_EVERY_EXPORT = frozenset({Role.OWNER, Role.ADMIN})


def _within_accounts(model: type[Export] | type[ExportSchedule], principal: Principal) -> ColumnElement[bool]:
    allowed = principal.meli_account_ids
    if allowed is None:
        return true()
    if not allowed:
        return false()
    accounts = table_of(model).c.meli_account_ids
    return accounts.is_not(None) & accounts.contained_by(sorted(allowed)) & (func.cardinality(accounts) > 0)


def _mine(principal: Principal) -> ColumnElement[bool]:
    if principal.api_token_id is not None:
        return col(Export.created_by_token_id) == principal.api_token_id
    if principal.user_id is not None:
        return col(Export.created_by_user_id) == principal.user_id
    return false()


def readable_exports(principal: Principal) -> ColumnElement[bool]:
    principal.require(Permission.READ)
    whose = (
        true() if principal.role in SEES_EVERY_EXPORT else or_(_mine(principal), col(Export.schedule_id).is_not(None))
    )
    return (col(Export.tenant_id) == principal.tenant_id) & whose & _within_accounts(Export, principal)


def readable_schedules(principal: Principal) -> ColumnElement[bool]:
    principal.require(Permission.READ)
    return (col(ExportSchedule.tenant_id) == principal.tenant_id) & _within_accounts(ExportSchedule, principal)


def newest_first(model: type[Export] | type[ExportSchedule]) -> Ordering:
    return Ordering(col(model.created_at), col(model.id), True, "CREATED_AT")


async def exports_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[Export]:
    query = select(Export).where(col(Export.id).in_(list(ids)), readable_exports(principal))
    return list((await session.exec(query)).all())


async def get_export(session: AsyncSession, principal: Principal, export_id: uuid.UUID) -> Export | None:
    found = await exports_by_ids(session, principal, [export_id])
    return found[0] if found else None


async def schedules_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[ExportSchedule]:
    query = select(ExportSchedule).where(col(ExportSchedule.id).in_(list(ids)), readable_schedules(principal))
    return list((await session.exec(query)).all())


async def get_schedule(session: AsyncSession, principal: Principal, schedule_id: uuid.UUID) -> ExportSchedule | None:
    found = await schedules_by_ids(session, principal, [schedule_id])
    return found[0] if found else None


async def list_exports(
    session: AsyncSession, principal: Principal, schedule_id: uuid.UUID | None, request: PageRequest
) -> Page[Export]:
    """Newest first; of one schedule when ``schedule_id`` is given."""
    query = select(Export).where(readable_exports(principal))
    if schedule_id is not None:
        query = query.where(col(Export.schedule_id) == schedule_id)
    return await fetch_page(session, query, request.ordering or newest_first(Export), request)


async def list_schedules(
    session: AsyncSession, principal: Principal, active: bool | None, request: PageRequest
) -> Page[ExportSchedule]:
    query = select(ExportSchedule).where(readable_schedules(principal))
    if active is not None:
        query = query.where(col(ExportSchedule.active) == active)
    return await fetch_page(session, query, request.ordering or newest_first(ExportSchedule), request)
