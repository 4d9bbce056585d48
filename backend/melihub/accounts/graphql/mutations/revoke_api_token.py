"""revokeApiToken(id): the token stops working immediately."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import api_tokens
from melihub.accounts.graphql.types import API_TOKEN_TYPE, ApiTokenType
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class RevokeApiTokenPayload:
    api_token: ApiTokenType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class RevokeApiToken(BaseMutation[RevokeApiTokenPayload]):
    name = "revokeApiToken"
    payload = RevokeApiTokenPayload
    permission = Permission.MANAGE_TOKENS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> RevokeApiTokenPayload:
        principal = call.require_principal()
        token_id = call.id_of("id", arguments["id"], API_TOKEN_TYPE)
        async with call.unit() as work:
            token = await api_tokens.revoke_api_token(work.session, principal, token_id)
            revoked = token.revoked_at.isoformat() if token.revoked_at else None
            call.target(API_TOKEN_TYPE, token.id, before={"revokedAt": None}, after={"revokedAt": revoked})
        return RevokeApiTokenPayload(api_token=ApiTokenType.of(token))


async def revoke_api_token(info: Info, id: strawberry.ID) -> RevokeApiTokenPayload:
    return await RevokeApiToken.run(info, id=id)
