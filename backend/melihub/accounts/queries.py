"""Reading tenants, members and API tokens by id (for ``node``/``nodes``); writes are ``service``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import ApiToken, Membership, Tenant, User
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.accounts.service import MemberView


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
