"""verifyMfa(ticket, code): the second step of a sign-in, with a TOTP code or a recovery code."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts import signin
from melihub.accounts.graphql.mutations.login import LoginPayload, client_of, signed_in
from melihub.accounts.graphql.types import USER_TYPE
from melihub.graphql.context import Info
from melihub.graphql.mutation import BaseMutation, MutationCall


class VerifyMfa(BaseMutation[LoginPayload]):
    name = "verifyMfa"
    payload = LoginPayload
    needs_principal = False

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> LoginPayload:
        ctx = call.info.context
        result, factor = await signin.verify_second_factor(
            ctx.services, ticket=arguments["ticket"], code=arguments["code"], client=client_of(ctx)
        )
        me, expires = await signed_in(call, result)
        call.target(USER_TYPE, result.user.id, after={"factor": factor})
        return LoginPayload(me=me, access_expires_at=expires)


async def verify_mfa(
    info: Info,
    ticket: str,
    code: Annotated[str, strawberry.argument(description="The authenticator's 6 digits, or an unused recovery code.")],
) -> LoginPayload:
    return await VerifyMfa.run(info, ticket=ticket, code=code)
