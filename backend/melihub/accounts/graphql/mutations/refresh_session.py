"""refreshSession: trades the refresh cookie for a new pair (reuse revokes the family)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from melihub.accounts import sessions
from melihub.accounts.auth import (
    REFRESH_COOKIE,
    clear_session_cookies,
    mark_family_revoked,
    set_session_cookies,
)
from melihub.accounts.principal import AuthError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.security.opaque import parse_token


@strawberry.type
class RefreshSessionPayload:
    access_expires_at: datetime | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def refresh_session(
    info: Info,
    refresh_token: Annotated[
        str | None,
        strawberry.argument(description="For non-browser clients; browsers send the httpOnly cookie."),
    ] = None,
) -> RefreshSessionPayload:
    ctx = info.context
    token = refresh_token or ctx.request.cookies.get(REFRESH_COOKIE)
    if not token:
        return RefreshSessionPayload(errors=[UserError(field=None, message="no refresh token", code="UNAUTHENTICATED")])
    try:
        issued = await sessions.rotate(ctx.services.db, ctx.services.settings, token)
    except AuthError as exc:
        if exc.code == "TOKEN_REUSED" and parse_token(token, sessions.REFRESH_KIND):
            await _forget_reused_family(info, token)
        if ctx.response is not None:
            clear_session_cookies(ctx.response)
        return RefreshSessionPayload(errors=[UserError(field=None, message=str(exc), code=exc.code)])
    if ctx.response is not None:
        set_session_cookies(ctx.response, issued, ctx.services.settings)
    return RefreshSessionPayload(access_expires_at=datetime.fromtimestamp(issued.claims.expires_at, UTC))


async def _forget_reused_family(info: Info, token: str) -> None:
    family = await sessions.family_of(info.context.services.db, token)
    if family is not None:
        await mark_family_revoked(info.context.services.redis, info.context.services.settings, family)
