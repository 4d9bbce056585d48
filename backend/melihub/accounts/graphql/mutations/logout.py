"""logout: revokes this login's refresh-token family and clears the cookies."""

from __future__ import annotations

import strawberry

from melihub.accounts import sessions
from melihub.accounts.auth import clear_session_cookies, mark_family_revoked
from melihub.graphql.context import Info


@strawberry.type
class LogoutPayload:
    ok: bool


async def logout(info: Info) -> LogoutPayload:
    ctx = info.context
    principal = ctx.principal
    if principal is not None and principal.session_family is not None:
        await sessions.revoke_family(ctx.services.db, principal.tenant_id, principal.session_family)
        await mark_family_revoked(ctx.services.redis, ctx.services.settings, principal.session_family)
    if ctx.response is not None:
        clear_session_cookies(ctx.response)
    return LogoutPayload(ok=True)
