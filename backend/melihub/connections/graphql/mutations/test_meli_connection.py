"""testMeliConnection(id): calls /users/me now and reports latency and outcome."""

from __future__ import annotations

import uuid

import strawberry

from melihub.connections import service
from melihub.connections.graphql.types import MeliAccountType
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class TestMeliConnectionPayload:
    ok: bool = False
    latency_ms: float | None = None
    error: str | None = None
    account: MeliAccountType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def test_meli_connection(info: Info, id: strawberry.ID) -> TestMeliConnectionPayload:
    principal = info.context.require()
    try:
        result = await service.test_connection(info.context.services, principal, uuid.UUID(str(id)))
    except ValueError as exc:
        if isinstance(exc, DomainError):
            return TestMeliConnectionPayload(errors=user_errors(exc))
        return TestMeliConnectionPayload(errors=[UserError(field="id", message="malformed id", code="INVALID")])
    return TestMeliConnectionPayload(
        ok=result.ok,
        latency_ms=result.latency_ms,
        error=result.error,
        account=MeliAccountType.of(result.account),
    )
