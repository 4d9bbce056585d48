"""setUserRole(userId, role): owners and admins re-role members (the last owner stays)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import flows
from melihub.accounts.graphql.types import USER_TYPE, UserType
from melihub.accounts.models import Role
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class SetUserRolePayload:
    user: UserType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetUserRole(BaseMutation[SetUserRolePayload]):
    name = "setUserRole"
    payload = SetUserRolePayload
    permission = Permission.MANAGE_USERS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetUserRolePayload:
        user_id = call.id_of("userId", arguments["user_id"], USER_TYPE)
        role: Role = arguments["role"]
        async with call.unit() as work:
            member, previous = await flows.change_member_role(
                call.services, call.require_principal(), user_id, role, unit=work
            )
            call.target(USER_TYPE, user_id, before={"role": previous.value}, after={"role": role.value})
        return SetUserRolePayload(user=UserType.of_member(member))


async def set_user_role(info: Info, user_id: strawberry.ID, role: Role) -> SetUserRolePayload:
    return await SetUserRole.run(info, user_id=user_id, role=role)
