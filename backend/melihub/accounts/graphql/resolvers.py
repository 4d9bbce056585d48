"""me, tenant, users, apiTokens and mySessions."""

from __future__ import annotations

from melihub.accounts import api_tokens, mfa, queries, service
from melihub.accounts.graphql.types import ApiTokenType, MembershipType, MeType, SessionType, TenantType, UserType
from melihub.accounts.models import ApiToken, Role
from melihub.accounts.permissions import Permission
from melihub.accounts.service import MemberView
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.pagination import Connection, PageArgs, connection_from_rows


async def resolve_me(info: Info) -> MeType:
    principal = info.context.require()
    db = info.context.services.db
    async with info.context.session() as session:
        tenant = await service.get_tenant(session, principal.tenant_id)
        user = await service.get_user(session, principal.user_id) if principal.user_id else None
        codes_left = await mfa.recovery_codes_left(session, user.id) if user and user.mfa_enabled_at else 0
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
        mfa_enabled=bool(user and user.mfa_enabled_at),
        recovery_codes_left=codes_left,
    )


async def resolve_my_sessions(info: Info) -> list[SessionType]:
    principal = info.context.require()
    async with info.context.session() as session:
        views = await queries.my_sessions(session, principal)
    return [SessionType.of(view) for view in views]


async def resolve_tenant(info: Info) -> TenantType:
    principal = info.context.require()
    async with info.context.session() as session:
        tenant = await service.get_tenant(session, principal.tenant_id)
    if tenant is None:
        raise AppError("tenant no longer exists", "NOT_FOUND")
    return TenantType.of(tenant)


def _email_of(member: MemberView) -> str:
    return member.user.email


async def resolve_users(
    info: Info, first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None
) -> Connection[UserType]:
    principal = info.context.require(Permission.READ)
    async with info.context.session() as session:
        members = await service.list_members(session, principal.tenant_id)
    return connection_from_rows(
        members,
        UserType.of_member,
        PageArgs(first, after, last, before),
        sort_name="EMAIL",
        value_of=_email_of,
        id_of=lambda member: member.user.id,
    )


def _created_at(token: ApiToken) -> object:
    return token.created_at


async def resolve_api_tokens(
    info: Info, first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None
) -> Connection[ApiTokenType]:
    principal = info.context.require(Permission.MANAGE_TOKENS)
    async with info.context.session() as session:
        tokens = await api_tokens.list_api_tokens(session, principal.tenant_id)
    return connection_from_rows(
        tokens,
        ApiTokenType.of,
        PageArgs(first, after, last, before),
        sort_name="CREATED_AT",
        value_of=_created_at,
        id_of=lambda token: token.id,
    )
