"""Reading the audit log (owners and admins: ``Permission.VIEW_AUDIT``); writing it is ``service.record``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import User
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.audit.models import AuditEntry
from melihub.db.paging import Ordering, Page, PageRequest, fetch_page

NEWEST_FIRST = Ordering(col(AuditEntry.created_at), col(AuditEntry.id), descending=True, name="CREATED_AT")


@dataclass(frozen=True)
class AuditFilter:
    actor_user_id: uuid.UUID | None = None
    actor_token_id: uuid.UUID | None = None
    action: str | None = None
    actions: list[str] | None = None  # any of these
    # Any of these stored target ids: a global id, and the bare row id older rows were recorded with.
    target_ids: list[str] | None = None
    since: datetime | None = None  # at or after
    until: datetime | None = None  # strictly before


async def list_audit_entries(
    session: AsyncSession, principal: Principal, filters: AuditFilter, request: PageRequest
) -> Page[AuditEntry]:
    """The tenant's audit rows, newest first (keyset-paged on created_at, id)."""
    principal.require(Permission.VIEW_AUDIT)
    query = select(AuditEntry).where(AuditEntry.tenant_id == principal.tenant_id)
    if filters.actor_user_id is not None:
        query = query.where(AuditEntry.actor_user_id == filters.actor_user_id)
    if filters.actor_token_id is not None:
        query = query.where(AuditEntry.actor_token_id == filters.actor_token_id)
    if filters.action is not None:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actions:
        query = query.where(col(AuditEntry.action).in_(filters.actions))
    if filters.target_ids:
        query = query.where(col(AuditEntry.target_id).in_(filters.target_ids))
    if filters.since is not None:
        query = query.where(col(AuditEntry.created_at) >= filters.since)
    if filters.until is not None:
        query = query.where(col(AuditEntry.created_at) < filters.until)
    return await fetch_page(session, query, request.ordering or NEWEST_FIRST, request)


async def audit_entries_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[AuditEntry]:
    """For ``node``/``nodes``: the tenant's audit rows among these ids."""
    principal.require(Permission.VIEW_AUDIT)
    query = select(AuditEntry).where(AuditEntry.tenant_id == principal.tenant_id, col(AuditEntry.id).in_(list(ids)))
    return list((await session.exec(query)).all())


async def actors_by_ids(session: AsyncSession, principal: Principal, user_ids: Sequence[uuid.UUID]) -> list[User]:
    """For DataLoaders: the users behind audit rows, former members included (who did it outlives leaving).

    The ids come only from the tenant's own audit rows, read under row-level security: no other user is asked for.
    """
    principal.require(Permission.VIEW_AUDIT)
    return list((await session.exec(select(User).where(col(User.id).in_(list(user_ids))))).all())
