"""confirmMfa(code, ticket): turns the pending second factor on with a first code; the ten recovery codes,
shown this once. With an enrolment ticket (signed out), the sign-in then completes: cookies and ``me``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from melihub.accounts import mfa, signin
from melihub.accounts.graphql.mutations.enable_mfa import person_of
from melihub.accounts.graphql.mutations.login import client_of, signed_in
from melihub.accounts.graphql.types import USER_TYPE, MeType
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class ConfirmMfaPayload:
    recovery_codes: list[str] | None = strawberry.field(
        default=None, description="Ten single-use codes for when the authenticator is lost; shown this once."
    )
    me: MeType | None = strawberry.field(default=None, description="Set when a ticket's sign-in completed.")
    access_expires_at: datetime | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class ConfirmMfa(BaseMutation[ConfirmMfaPayload]):
    name = "confirmMfa"
    payload = ConfirmMfaPayload
    needs_principal = False  # an enrolment ticket stands in for the session

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ConfirmMfaPayload:
        services, client = call.services, client_of(call.info.context)
        if arguments["ticket"]:
            result, codes = await signin.finish_enrolment(
                services, ticket=arguments["ticket"], code=arguments["code"], client=client
            )
            me, expires = await signed_in(call, result)
            call.target(USER_TYPE, result.user.id, after={"mfa": "enabled"})
            return ConfirmMfaPayload(recovery_codes=codes, me=me, access_expires_at=expires)
        user_id = person_of(call)
        call.target(USER_TYPE, user_id, after={"mfa": "enabled"})
        async with call.unit() as work:
            codes = await signin.counted(
                services,
                user_id=user_id,
                client=client,
                check=lambda: mfa.confirm_enrolment(work.session, services.keyring, user_id, arguments["code"]),
            )
        return ConfirmMfaPayload(recovery_codes=codes)


async def confirm_mfa(
    info: Info,
    code: Annotated[str, strawberry.argument(description="The authenticator's current 6 digits.")],
    ticket: Annotated[
        str | None, strawberry.argument(description="The login's mfaTicket when enrolment is required.")
    ] = None,
) -> ConfirmMfaPayload:
    return await ConfirmMfa.run(info, code=code, ticket=ticket)
