"""createApiToken(name, role, expiresAt): the secret is in this payload and nowhere else, ever."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from melihub.accounts import api_tokens
from melihub.accounts.graphql.types import API_TOKEN_TYPE, ApiTokenType
from melihub.accounts.models import Role
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class CreateApiTokenPayload:
    api_token: ApiTokenType | None = None
    secret: str | None = strawberry.field(default=None, description="Shown once; store it now.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class CreateApiToken(BaseMutation[CreateApiTokenPayload]):
    name = "createApiToken"
    payload = CreateApiTokenPayload
    permission = Permission.MANAGE_TOKENS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> CreateApiTokenPayload:
        principal = call.require_principal()
        async with call.unit() as work:
            token, secret = await api_tokens.create_api_token(
                work.session,
                principal,
                name=arguments["name"],
                role=arguments["role"],
                expires_at=arguments["expires_at"],
            )
            # The secret never reaches the audit log: only what identifies the token.
            after = {"name": token.name, "role": token.role, "prefix": token.prefix}
            call.target(API_TOKEN_TYPE, token.id, after=after)
        return CreateApiTokenPayload(api_token=ApiTokenType.of(token), secret=secret)


async def create_api_token(
    info: Info, name: str, role: Role, expires_at: datetime | None = None
) -> CreateApiTokenPayload:
    return await CreateApiToken.run(info, name=name, role=role, expires_at=expires_at)
