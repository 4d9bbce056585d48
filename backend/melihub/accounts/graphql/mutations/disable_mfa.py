"""disableMfa(code): turns the caller's second factor off, proven by a current code (or a recovery code).

Refused with ``MFA_REQUIRED_BY_TENANT`` while the company requires a second factor.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts import mfa, service, signin
from melihub.accounts.graphql.mutations.enable_mfa import person_of
from melihub.accounts.graphql.mutations.login import client_of
from melihub.accounts.graphql.types import USER_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class DisableMfaPayload:
    ok: bool = False
    errors: list[UserError] = strawberry.field(default_factory=list)


class DisableMfa(BaseMutation[DisableMfaPayload]):
    name = "disableMfa"
    payload = DisableMfaPayload

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> DisableMfaPayload:
        services, principal, user_id = call.services, call.require_principal(), person_of(call)
        call.target(USER_TYPE, user_id, before={"mfa": "enabled"}, after={"mfa": "disabled"})
        async with call.unit() as work:
            tenant = await service.get_tenant(work.session, principal.tenant_id)
            if tenant is not None and tenant.mfa_required:
                raise mfa.MfaError("this company requires a second factor", code="MFA_REQUIRED_BY_TENANT")
            factor = await signin.counted(
                services,
                user_id=user_id,
                client=client_of(call.info.context),
                check=lambda: mfa.disable(work.session, services.keyring, user_id, arguments["code"]),
            )
            call.note.after = {"mfa": "disabled", "factor": factor}
        return DisableMfaPayload(ok=True)


async def disable_mfa(
    info: Info,
    code: Annotated[str, strawberry.argument(description="A current 6-digit code, or an unused recovery code.")],
) -> DisableMfaPayload:
    return await DisableMfa.run(info, code=code)
