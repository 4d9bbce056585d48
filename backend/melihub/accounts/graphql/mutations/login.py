"""login(email, password, tenant): signs in and sets the session cookies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import strawberry

from melihub.accounts import service, sessions
from melihub.accounts.auth import set_session_cookies
from melihub.accounts.graphql.resolvers import resolve_me
from melihub.accounts.graphql.types import USER_TYPE, MeType
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class LoginPayload:
    me: MeType | None = None
    access_expires_at: datetime | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class Login(BaseMutation[LoginPayload]):
    name = "login"
    payload = LoginPayload
    needs_principal = False

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> LoginPayload:
        ctx = call.info.context
        user, membership = await service.authenticate_password(
            ctx.services.db, arguments["email"], arguments["password"], arguments["tenant"]
        )
        issued = await sessions.start_session(
            ctx.services.db,
            ctx.services.settings,
            membership,
            user_agent=ctx.request.headers.get("user-agent"),
            ip=ctx.request.client.host if ctx.request.client else None,
        )
        if ctx.response is not None:
            set_session_cookies(ctx.response, issued, ctx.services.settings)
        ctx.principal = call.principal = Principal(
            tenant_id=membership.tenant_id,
            role=Role(membership.role),
            method=AuthMethod.SESSION,
            user_id=user.id,
            session_family=issued.claims.session_family,
        )
        call.target(USER_TYPE, user.id)
        return LoginPayload(
            me=await resolve_me(call.info), access_expires_at=datetime.fromtimestamp(issued.claims.expires_at, UTC)
        )


async def login(
    info: Info,
    email: str,
    password: str,
    tenant: Annotated[str | None, strawberry.argument(description="Tenant slug; the first one if omitted.")] = None,
) -> LoginPayload:
    return await Login.run(info, email=email, password=password, tenant=tenant)
