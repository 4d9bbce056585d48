"""refreshSession: trades the refresh cookie for a new pair (reuse revokes the family)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import strawberry

from melihub.accounts import flows
from melihub.accounts.auth import REFRESH_COOKIE, clear_session_cookies, set_session_cookies
from melihub.accounts.graphql.types import USER_TYPE
from melihub.accounts.principal import AuthError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class RefreshSessionPayload:
    access_expires_at: datetime | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class RefreshSession(BaseMutation[RefreshSessionPayload]):
    name = "refreshSession"
    payload = RefreshSessionPayload
    needs_principal = False

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> RefreshSessionPayload:
        ctx = call.info.context
        token = arguments["refresh_token"] or ctx.request.cookies.get(REFRESH_COOKIE)
        if not token:
            raise AuthError("no refresh token", "UNAUTHENTICATED")
        try:
            issued = await flows.refresh(ctx.services, token)
        except AuthError:
            if ctx.response is not None:
                clear_session_cookies(ctx.response)
            raise
        if ctx.response is not None:
            set_session_cookies(ctx.response, issued, ctx.services.settings)
        call.note.tenant_id = issued.claims.tenant_id
        call.note.actor_user_id = issued.claims.user_id
        call.target(USER_TYPE, issued.claims.user_id)
        return RefreshSessionPayload(access_expires_at=datetime.fromtimestamp(issued.claims.expires_at, UTC))


async def refresh_session(
    info: Info,
    refresh_token: Annotated[
        str | None,
        strawberry.argument(description="For non-browser clients; browsers send the httpOnly cookie."),
    ] = None,
) -> RefreshSessionPayload:
    return await RefreshSession.run(info, refresh_token=refresh_token)
