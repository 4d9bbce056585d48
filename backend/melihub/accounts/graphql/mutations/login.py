"""login(email, password, tenant): signs in and sets the session cookies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from melihub.accounts import service, sessions
from melihub.accounts.auth import set_session_cookies
from melihub.accounts.graphql.queries import resolve_me
from melihub.accounts.graphql.types import MeType
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthError, AuthMethod, Principal
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError


@strawberry.type
class LoginPayload:
    me: MeType | None = None
    access_expires_at: datetime | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def login(
    info: Info,
    email: str,
    password: str,
    tenant: Annotated[str | None, strawberry.argument(description="Tenant slug; the first one if omitted.")] = None,
) -> LoginPayload:
    ctx = info.context
    try:
        user, membership = await service.authenticate_password(ctx.services.db, email, password, tenant)
    except AuthError as exc:
        return LoginPayload(errors=[UserError(field=None, message=str(exc), code=exc.code)])
    issued = await sessions.start_session(
        ctx.services.db,
        ctx.services.settings,
        membership,
        user_agent=ctx.request.headers.get("user-agent"),
        ip=ctx.request.client.host if ctx.request.client else None,
    )
    if ctx.response is not None:
        set_session_cookies(ctx.response, issued, ctx.services.settings)
    ctx.principal = Principal(
        tenant_id=membership.tenant_id,
        role=Role(membership.role),
        method=AuthMethod.SESSION,
        user_id=user.id,
        session_family=issued.claims.session_family,
    )
    return LoginPayload(
        me=await resolve_me(info), access_expires_at=datetime.fromtimestamp(issued.claims.expires_at, UTC)
    )
