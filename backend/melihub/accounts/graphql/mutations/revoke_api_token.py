"""revokeApiToken(id): the token stops working immediately."""

from __future__ import annotations

import uuid

import strawberry

from melihub.accounts import api_tokens
from melihub.accounts.graphql.types import ApiTokenType
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class RevokeApiTokenPayload:
    api_token: ApiTokenType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def revoke_api_token(info: Info, id: strawberry.ID) -> RevokeApiTokenPayload:
    principal = info.context.require()
    try:
        token_id = uuid.UUID(str(id))
    except ValueError:
        return RevokeApiTokenPayload(errors=[UserError(field="id", message="malformed id", code="INVALID")])
    try:
        async with info.context.session() as session:
            token = await api_tokens.revoke_api_token(session, principal, token_id)
    except DomainError as exc:
        return RevokeApiTokenPayload(errors=user_errors(exc))
    return RevokeApiTokenPayload(api_token=ApiTokenType.of(token))
