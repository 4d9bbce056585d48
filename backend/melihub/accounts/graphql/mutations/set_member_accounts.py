"""setMemberAccounts(userId, meliAccountIds): limit a member to some Mercado Livre accounts, or lift it."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry

from melihub.accounts import flows
from melihub.accounts.graphql.types import USER_TYPE, UserType
from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.graphql.relay import global_id


@strawberry.type
class SetMemberAccountsPayload:
    user: UserType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _global_ids(account_ids: list[uuid.UUID] | None) -> list[str] | None:
    return [str(global_id(ACCOUNT_TYPE, a)) for a in account_ids] if account_ids is not None else None


class SetMemberAccounts(BaseMutation[SetMemberAccountsPayload]):
    name = "setMemberAccounts"
    payload = SetMemberAccountsPayload
    permission = Permission.MANAGE_USERS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetMemberAccountsPayload:
        user_id = call.id_of("userId", arguments["user_id"], USER_TYPE)
        given: list[strawberry.ID] | None = arguments["meli_account_ids"]
        if given is strawberry.UNSET:  # omitted is not null: lifting a limit is never a default
            raise DomainError("pass the accounts, or null to lift the limit", field="meliAccountIds")
        if given is not None and not given:
            raise DomainError("choose at least one account, or null for all of them", field="meliAccountIds")
        accounts = [call.id_of("meliAccountIds", value, ACCOUNT_TYPE) for value in given] if given else None
        async with call.unit() as work:
            member, previous = await flows.limit_member_accounts(
                call.services, call.require_principal(), user_id, accounts, unit=work
            )
            limited = member.membership.meli_account_ids
            call.target(
                USER_TYPE,
                user_id,
                before={"meliAccountIds": _global_ids(previous)},
                after={"meliAccountIds": _global_ids(limited)},
            )
        return SetMemberAccountsPayload(user=UserType.of_member(member))


async def set_member_accounts(
    info: Info,
    user_id: strawberry.ID,
    meli_account_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(description="The accounts the member may see and act on (at least one); null lifts it."),
    ] = strawberry.UNSET,
) -> SetMemberAccountsPayload:
    return await SetMemberAccounts.run(info, user_id=user_id, meli_account_ids=meli_account_ids)
