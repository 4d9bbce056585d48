"""unlinkMeliAccount(id): forget its tokens and stop syncing it; imported data stays."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.connections import service
from melihub.connections.graphql.types import MeliAccountType
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class UnlinkMeliAccountPayload:
    account: MeliAccountType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class UnlinkMeliAccount(BaseMutation[UnlinkMeliAccountPayload]):
    name = "unlinkMeliAccount"
    payload = UnlinkMeliAccountPayload
    permission = Permission.MANAGE_CONNECTIONS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UnlinkMeliAccountPayload:
        account_id = call.id_of("id", arguments["id"], ACCOUNT_TYPE)
        account = await service.unlink(call.services, call.require_principal(), account_id)
        call.target(ACCOUNT_TYPE, account.id, after={"status": account.status})
        return UnlinkMeliAccountPayload(account=MeliAccountType.of(account))


async def unlink_meli_account(info: Info, id: strawberry.ID) -> UnlinkMeliAccountPayload:
    return await UnlinkMeliAccount.run(info, id=id)
