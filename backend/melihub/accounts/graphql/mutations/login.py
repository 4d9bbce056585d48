"""login(email, password, tenant): signs in and sets the session cookies, or asks for the second step.

With a second factor on, or a company that requires one, the password alone starts no session: the payload
says ``mfaRequired`` (then ``verifyMfa(ticket, code)``) or ``mfaEnrolmentRequired`` (then ``enableMfa(ticket)``
and ``confirmMfa(code, ticket)``) and carries the ``mfaTicket`` for that step (5 minutes, a few tries).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import strawberry

from melihub.accounts import signin
from melihub.accounts.auth import set_session_cookies
from melihub.accounts.graphql.resolvers import resolve_me
from melihub.accounts.graphql.types import USER_TYPE, MeType
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.graphql.context import Context, Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class LoginPayload:
    me: MeType | None = None
    access_expires_at: datetime | None = None
    mfa_required: bool = strawberry.field(
        default=False, description="The password was right; send a code of the second factor: verifyMfa."
    )
    mfa_enrolment_required: bool = strawberry.field(
        default=False, description="The company requires a second factor: enrol with enableMfa/confirmMfa."
    )
    mfa_ticket: str | None = strawberry.field(
        default=None, description="For the second step (verifyMfa, or enableMfa/confirmMfa); 5 minutes."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


def client_of(ctx: Context) -> signin.Client:
    request = ctx.request
    return signin.Client(
        ip=request.client.host if request.client else None, user_agent=request.headers.get("user-agent")
    )


async def signed_in(call: MutationCall, result: signin.SignIn) -> tuple[MeType, datetime]:
    """Set the cookies and this request's principal from a started session; ``me`` and its expiry."""
    ctx, issued = call.info.context, result.issued
    assert issued is not None
    if ctx.response is not None:
        set_session_cookies(ctx.response, issued, ctx.services.settings)
    ctx.principal = call.principal = Principal(
        tenant_id=result.membership.tenant_id,
        role=Role(result.membership.role),
        method=AuthMethod.SESSION,
        user_id=result.user.id,
        session_family=issued.claims.session_family,
    )
    return await resolve_me(call.info), datetime.fromtimestamp(issued.claims.expires_at, UTC)


class Login(BaseMutation[LoginPayload]):
    name = "login"
    payload = LoginPayload
    needs_principal = False

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> LoginPayload:
        ctx = call.info.context
        result = await signin.sign_in(
            ctx.services,
            email=arguments["email"],
            password=arguments["password"],
            tenant_slug=arguments["tenant"],
            client=client_of(ctx),
        )
        if result.ticket is not None:  # the password step, audited as such in the tenant signed in to
            call.note.tenant_id, call.note.actor_user_id = result.ticket.tenant_id, result.user.id
            call.target(USER_TYPE, result.user.id, after={"nextStep": result.ticket.purpose})
            return LoginPayload(
                mfa_required=result.ticket.purpose == "mfa",
                mfa_enrolment_required=result.ticket.purpose == "enrol",
                mfa_ticket=result.ticket.secret,
            )
        me, expires = await signed_in(call, result)
        call.target(USER_TYPE, result.user.id)
        return LoginPayload(me=me, access_expires_at=expires)


async def login(
    info: Info,
    email: str,
    password: str,
    tenant: Annotated[str | None, strawberry.argument(description="Tenant slug; the first one if omitted.")] = None,
) -> LoginPayload:
    return await Login.run(info, email=email, password=password, tenant=tenant)
