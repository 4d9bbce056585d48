"""unlinkMeliAccount(id): forget its tokens and stop syncing it; imported data stays."""

from __future__ import annotations

import uuid

import strawberry

from melihub.connections import service
from melihub.connections.graphql.types import MeliAccountType
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class UnlinkMeliAccountPayload:
    account: MeliAccountType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def unlink_meli_account(info: Info, id: strawberry.ID) -> UnlinkMeliAccountPayload:
    principal = info.context.require()
    try:
        account = await service.unlink(info.context.services, principal, uuid.UUID(str(id)))
    except ValueError as exc:
        if isinstance(exc, DomainError):
            return UnlinkMeliAccountPayload(errors=user_errors(exc))
        return UnlinkMeliAccountPayload(errors=[UserError(field="id", message="malformed id", code="INVALID")])
    return UnlinkMeliAccountPayload(account=MeliAccountType.of(account))
