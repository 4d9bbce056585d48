"""setMemberAccounts(userId, meliAccountIds): limit a member to some Mercado Livre accounts, or lift it."""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry

from melihub.accounts import service
from melihub.accounts.auth import mark_member_changed
from melihub.accounts.graphql.types import UserType
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class SetMemberAccountsPayload:
    user: UserType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _invalid(field: str, message: str) -> SetMemberAccountsPayload:
    return SetMemberAccountsPayload(errors=[UserError(field=field, message=message, code="INVALID")])


async def set_member_accounts(
    info: Info,
    user_id: strawberry.ID,
    meli_account_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(description="The accounts the member may see and act on (at least one); null lifts it."),
    ],
) -> SetMemberAccountsPayload:
    principal = info.context.require()
    try:
        target = uuid.UUID(str(user_id))
    except ValueError:
        return _invalid("userId", "malformed id")
    accounts: list[uuid.UUID] | None = None
    if meli_account_ids is not None:
        if not meli_account_ids:
            return _invalid("meliAccountIds", "choose at least one account, or null for all of them")
        try:
            accounts = [uuid.UUID(str(value)) for value in meli_account_ids]
        except ValueError:
            return _invalid("meliAccountIds", "malformed id")
    try:
        async with info.context.session() as session:
            member = await service.set_member_accounts(session, principal, target, accounts)
    except DomainError as exc:
        return SetMemberAccountsPayload(errors=user_errors(exc))
    services = info.context.services
    await mark_member_changed(services.redis, services.settings, principal.tenant_id, target)
    return SetMemberAccountsPayload(user=UserType.of_member(member))
