"""revokeSession(id): signs one of the caller's own logins out (another device or browser): its refresh
tokens stop at once, and so do its access tokens (the revoked-login mark every request checks)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import flows
from melihub.accounts.graphql.types import SESSION_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class RevokeSessionPayload:
    ok: bool = False
    errors: list[UserError] = strawberry.field(default_factory=list)


class RevokeSession(BaseMutation[RevokeSessionPayload]):
    name = "revokeSession"
    payload = RevokeSessionPayload

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> RevokeSessionPayload:
        family_id = call.id_of("id", arguments["id"], SESSION_TYPE)
        call.target(SESSION_TYPE, family_id, after={"revoked": True})
        async with call.unit() as work:
            await flows.revoke_session(call.services, call.require_principal(), family_id, unit=work)
        return RevokeSessionPayload(ok=True)


async def revoke_session(info: Info, id: strawberry.ID) -> RevokeSessionPayload:
    return await RevokeSession.run(info, id=id)
