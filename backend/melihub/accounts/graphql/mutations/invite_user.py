"""inviteUser(email, role): adds a member; a new person gets a one-time temporary password."""

from __future__ import annotations

import strawberry

from melihub.accounts import service
from melihub.accounts.graphql.types import UserType
from melihub.accounts.models import Role
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class InviteUserPayload:
    user: UserType | None = None
    temporary_password: str | None = strawberry.field(
        default=None, description="Only for people new to melihub; shown once."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


async def invite_user(info: Info, email: str, role: Role, name: str = "") -> InviteUserPayload:
    principal = info.context.require()
    try:
        async with info.context.session() as session:
            member, password = await service.invite_user(session, principal, email=email, role=role, name=name)
    except DomainError as exc:
        return InviteUserPayload(errors=user_errors(exc))
    return InviteUserPayload(user=UserType.of_member(member), temporary_password=password)
