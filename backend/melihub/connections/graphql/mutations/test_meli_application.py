"""testMeliApplication: does Mercado Livre take the company's application id and secret?"""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.connections import applications
from melihub.connections.graphql.applications import APPLICATION_TYPE, MeliApplicationType
from melihub.connections.runtime import meli_client
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class TestMeliApplicationPayload:
    ok: bool = False
    latency_ms: float | None = None
    error: str | None = None
    application: MeliApplicationType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class TestMeliApplication(BaseMutation[TestMeliApplicationPayload]):
    name = "testMeliApplication"
    payload = TestMeliApplicationPayload
    permission = Permission.MANAGE_CONNECTIONS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> TestMeliApplicationPayload:
        services = call.services
        result = await applications.check_application(
            services.db, call.require_principal(), meli_client(services).oauth, services.keyring
        )
        call.target(APPLICATION_TYPE, result.application.id, after={"ok": result.ok})
        return TestMeliApplicationPayload(
            ok=result.ok,
            latency_ms=result.latency_ms,
            error=result.error,
            application=MeliApplicationType.of(result.application),
        )


async def test_meli_application(info: Info) -> TestMeliApplicationPayload:
    return await TestMeliApplication.run(info)
