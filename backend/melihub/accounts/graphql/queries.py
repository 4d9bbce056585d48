"""Queries: me, tenant, users, apiTokens."""

from __future__ import annotations

import strawberry

from melihub.accounts import api_tokens, service
from melihub.accounts.graphql.types import ApiTokenType, MembershipType, MeType, TenantType, UserType
from melihub.accounts.models import Role
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError


async def resolve_me(info: Info) -> MeType:
    principal = info.context.require()
    db = info.context.services.db
    async with info.context.session() as session:
        tenant = await service.get_tenant(session, principal.tenant_id)
        user = await service.get_user(session, principal.user_id) if principal.user_id else None
    if tenant is None:
        raise AppError("tenant no longer exists", "UNAUTHENTICATED")
    memberships = await service.memberships_of(db, user.id) if user else []
    current = next((m for m, _ in memberships if m.tenant_id == tenant.id), None)
    return MeType(
        auth_method=principal.method,
        role=principal.role,
        tenant=TenantType.of(tenant),
        user=UserType.of(user, current) if user else None,
        memberships=[MembershipType(tenant=TenantType.of(t), role=Role(m.role)) for m, t in memberships],
    )


async def resolve_tenant(info: Info) -> TenantType:
    principal = info.context.require()
    async with info.context.session() as session:
        tenant = await service.get_tenant(session, principal.tenant_id)
    if tenant is None:
        raise AppError("tenant no longer exists", "NOT_FOUND")
    return TenantType.of(tenant)


async def resolve_users(info: Info) -> list[UserType]:
    principal = info.context.require(Permission.READ)
    async with info.context.session() as session:
        members = await service.list_members(session, principal.tenant_id)
    return [UserType.of_member(member) for member in members]


async def resolve_api_tokens(info: Info) -> list[ApiTokenType]:
    principal = info.context.require(Permission.MANAGE_TOKENS)
    async with info.context.session() as session:
        tokens = await api_tokens.list_api_tokens(session, principal.tenant_id)
    return [ApiTokenType.of(token) for token in tokens]


@strawberry.type
class AccountsQuery:
    me: MeType = strawberry.field(resolver=resolve_me, description="The caller: user, tenant and role.")
    tenant: TenantType = strawberry.field(resolver=resolve_tenant, description="The caller's tenant.")
    users: list[UserType] = strawberry.field(resolver=resolve_users, description="Members of the tenant.")
    api_tokens: list[ApiTokenType] = strawberry.field(resolver=resolve_api_tokens)
