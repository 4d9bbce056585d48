"""inviteUser(email, role, name): adds a member; a new person gets a one-time temporary password."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import service
from melihub.accounts.graphql.types import USER_TYPE, UserType
from melihub.accounts.models import Role
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class InviteUserPayload:
    user: UserType | None = None
    temporary_password: str | None = strawberry.field(
        default=None, description="Only for people new to melihub; shown once."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class InviteUser(BaseMutation[InviteUserPayload]):
    name = "inviteUser"
    payload = InviteUserPayload
    permission = Permission.MANAGE_USERS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> InviteUserPayload:
        principal = call.require_principal()
        async with call.unit() as work:
            member, password = await service.invite_user(
                work.session, principal, email=arguments["email"], role=arguments["role"], name=arguments["name"]
            )
            after = {"email": member.user.email, "role": member.membership.role}
            call.target(USER_TYPE, member.user.id, after=after)
        return InviteUserPayload(user=UserType.of_member(member), temporary_password=password)


async def invite_user(info: Info, email: str, role: Role, name: str = "") -> InviteUserPayload:
    return await InviteUser.run(info, email=email, role=role, name=name)
