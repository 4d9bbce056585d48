"""createApiToken(name, role): the secret is in this payload and nowhere else, ever."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.accounts import api_tokens
from melihub.accounts.graphql.types import ApiTokenType
from melihub.accounts.models import Role
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class CreateApiTokenPayload:
    api_token: ApiTokenType | None = None
    secret: str | None = strawberry.field(default=None, description="Shown once; store it now.")
    errors: list[UserError] = strawberry.field(default_factory=list)


async def create_api_token(
    info: Info, name: str, role: Role, expires_at: datetime | None = None
) -> CreateApiTokenPayload:
    principal = info.context.require()
    try:
        async with info.context.session() as session:
            token, secret = await api_tokens.create_api_token(
                session, principal, name=name, role=role, expires_at=expires_at
            )
    except DomainError as exc:
        return CreateApiTokenPayload(errors=user_errors(exc))
    return CreateApiTokenPayload(api_token=ApiTokenType.of(token), secret=secret)
