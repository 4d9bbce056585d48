"""setUserRole(userId, role): owners and admins re-role members (the last owner stays)."""

from __future__ import annotations

import uuid

import strawberry

from melihub.accounts import service
from melihub.accounts.auth import mark_member_changed
from melihub.accounts.graphql.types import UserType
from melihub.accounts.models import Role
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class SetUserRolePayload:
    user: UserType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def set_user_role(info: Info, user_id: strawberry.ID, role: Role) -> SetUserRolePayload:
    principal = info.context.require()
    try:
        target = uuid.UUID(str(user_id))
    except ValueError:
        return SetUserRolePayload(errors=[UserError(field="userId", message="malformed id", code="INVALID")])
    try:
        async with info.context.session() as session:
            member = await service.set_user_role(session, principal, target, role)
    except DomainError as exc:
        return SetUserRolePayload(errors=user_errors(exc))
    services = info.context.services
    await mark_member_changed(services.redis, services.settings, principal.tenant_id, target)
    return SetUserRolePayload(user=UserType.of_member(member))
