"""Reading tenants, members and API tokens by id (for ``node``/``nodes``), and the caller's own logins;
writes are ``service``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import ApiToken, AuthSession, Membership, Tenant, User
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.accounts.service import MemberView
from melihub.db.base import utcnow


async def tenants_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[Tenant]:
    """Only the caller's own tenant is ever visible."""
    if principal.tenant_id not in ids:
        return []
    tenant = await session.get(Tenant, principal.tenant_id)
    return [tenant] if tenant else []


async def members_by_ids(
    session: AsyncSession, principal: Principal, user_ids: Sequence[uuid.UUID]
) -> list[MemberView]:
    """Members of the caller's tenant among these users."""
    principal.require(Permission.READ)
    query = (
        select(User, Membership)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.tenant_id == principal.tenant_id, col(User.id).in_(list(user_ids)))
    )
    return [MemberView(user=user, membership=membership) for user, membership in (await session.exec(query)).all()]


async def api_tokens_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[ApiToken]:
    """The tenant's API tokens among these ids, for those who manage tokens."""
    principal.require(Permission.MANAGE_TOKENS)
    query = select(ApiToken).where(ApiToken.tenant_id == principal.tenant_id, col(ApiToken.id).in_(list(ids)))
    return list((await session.exec(query)).all())


@dataclass(frozen=True)
class SessionView:
    """One login (a refresh-token family) of the caller, as the security page lists it."""

    family_id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str | None
    ip: str | None
    current: bool


async def my_sessions(session: AsyncSession, principal: Principal) -> list[SessionView]:
    """The caller's live logins in this tenant, newest use first; none for an API token.

    A family is live while its newest refresh token is neither used, revoked nor expired. "Last used" is
    its last refresh: access tokens are checked without touching the database.
    """
    if principal.user_id is None:
        return []
    now = utcnow()
    rows = (
        await session.exec(
            select(AuthSession)
            .where(AuthSession.tenant_id == principal.tenant_id, AuthSession.user_id == principal.user_id)
            .order_by(col(AuthSession.created_at))
        )
    ).all()
    families: dict[uuid.UUID, list[AuthSession]] = {}
    for row in rows:
        families.setdefault(row.family_id, []).append(row)
    views = []
    for family_id, tokens in families.items():
        newest = tokens[-1]
        if newest.used_at is not None or newest.revoked_at is not None or newest.expires_at <= now:
            continue
        views.append(
            SessionView(
                family_id=family_id,
                created_at=tokens[0].created_at,
                last_used_at=newest.created_at,
                expires_at=newest.expires_at,
                user_agent=newest.user_agent,
                ip=newest.ip,
                current=family_id == principal.session_family,
            )
        )
    return sorted(views, key=lambda view: view.last_used_at, reverse=True)
