"""enableMfa(ticket): starts enrolling a second factor: a new TOTP secret and its otpauth URI, shown once.

Signed in, for the caller; signed out, with the enrolment ticket a company's MFA requirement gave at login.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry

from melihub.accounts import mfa, signin
from melihub.accounts.graphql.types import USER_TYPE
from melihub.accounts.principal import AuthError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class EnableMfaPayload:
    secret: str | None = strawberry.field(default=None, description="The TOTP secret (base32), shown this once.")
    otpauth_uri: str | None = strawberry.field(default=None, description="otpauth://totp/… for a QR code.")
    errors: list[UserError] = strawberry.field(default_factory=list)


def person_of(call: MutationCall) -> uuid.UUID:
    """The signed-in person's id: MFA belongs to people, not API tokens."""
    if call.principal is None:
        raise AuthError("sign in (or pass the sign-in ticket) first", "UNAUTHENTICATED")
    if call.principal.user_id is None:
        raise AuthError("a second factor belongs to a signed-in person, not an API token", "PERSON_REQUIRED")
    return call.principal.user_id


class EnableMfa(BaseMutation[EnableMfaPayload]):
    name = "enableMfa"
    payload = EnableMfaPayload
    needs_principal = False  # an enrolment ticket stands in for the session

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> EnableMfaPayload:
        services = call.services
        if arguments["ticket"]:
            held = await signin.ticket_of(services, arguments["ticket"], "enrol")
            call.note.tenant_id, call.note.actor_user_id = held.tenant_id, held.user_id
            call.target(USER_TYPE, held.user_id, after={"mfa": "pending"})
            async with services.db.global_session(user_id=held.user_id) as session:
                secret, uri = await mfa.begin_enrolment(session, services.keyring, held.user_id)
        else:
            user_id = person_of(call)
            call.target(USER_TYPE, user_id, after={"mfa": "pending"})
            async with call.unit() as work:
                secret, uri = await mfa.begin_enrolment(work.session, services.keyring, user_id)
        return EnableMfaPayload(secret=secret, otpauth_uri=uri)


async def enable_mfa(
    info: Info,
    ticket: Annotated[
        str | None, strawberry.argument(description="The login's mfaTicket when enrolment is required.")
    ] = None,
) -> EnableMfaPayload:
    return await EnableMfa.run(info, ticket=ticket)
