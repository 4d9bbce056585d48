"""logout: revokes this login's refresh-token family and clears the cookies."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import flows
from melihub.accounts.auth import clear_session_cookies
from melihub.accounts.graphql.types import USER_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class LogoutPayload:
    ok: bool = False
    errors: list[UserError] = strawberry.field(default_factory=list)


class Logout(BaseMutation[LogoutPayload]):
    name = "logout"
    payload = LogoutPayload
    needs_principal = False  # signing out always succeeds, with or without a valid session

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> LogoutPayload:
        await flows.sign_out(call.services, call.principal)
        if call.info.context.response is not None:
            clear_session_cookies(call.info.context.response)
        if call.principal is not None and call.principal.user_id is not None:
            call.target(USER_TYPE, call.principal.user_id)
        return LogoutPayload(ok=True)


async def logout(info: Info) -> LogoutPayload:
    return await Logout.run(info)
