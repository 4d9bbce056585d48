"""removeMeliApplication: back to melihub's own application for new links."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.connections import applications, service
from melihub.connections.runtime import account_notes
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class RemoveMeliApplicationPayload:
    removed: bool = False
    reauthorize_accounts: int = strawberry.field(
        default=0, description="Accounts that now must reauthorize (their grants were the removed application's)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class RemoveMeliApplication(BaseMutation[RemoveMeliApplicationPayload]):
    name = "removeMeliApplication"
    payload = RemoveMeliApplicationPayload
    permission = Permission.MANAGE_CONNECTIONS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> RemoveMeliApplicationPayload:
        async with call.unit() as work:
            change = await applications.remove_application(
                work.session, call.require_principal(), account_notes(call.services)
            )
            call.note.after = {"reauthorizeAccounts": len(change.to_reauthorize)}
        await service.announce_application_change(call.services, change)
        return RemoveMeliApplicationPayload(removed=True, reauthorize_accounts=len(change.to_reauthorize))


async def remove_meli_application(info: Info) -> RemoveMeliApplicationPayload:
    return await RemoveMeliApplication.run(info)
