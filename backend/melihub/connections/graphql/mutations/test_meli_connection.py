"""testMeliConnection(id): calls /users/me now and reports latency and outcome."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.connections import service
from melihub.connections.graphql.types import MeliAccountType
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class TestMeliConnectionPayload:
    ok: bool = False
    latency_ms: float | None = None
    error: str | None = None
    account: MeliAccountType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class TestMeliConnection(BaseMutation[TestMeliConnectionPayload]):
    name = "testMeliConnection"
    payload = TestMeliConnectionPayload
    # An action, not a read: it spends the seller's Mercado Livre quota and writes a timeline note.
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> TestMeliConnectionPayload:
        account_id = call.id_of("id", arguments["id"], ACCOUNT_TYPE)
        result = await service.test_connection(call.services, call.require_principal(), account_id)
        call.target(ACCOUNT_TYPE, account_id, after={"ok": result.ok, "latencyMs": result.latency_ms})
        return TestMeliConnectionPayload(
            ok=result.ok,
            latency_ms=result.latency_ms,
            error=result.error,
            account=MeliAccountType.of(result.account),
        )


async def test_meli_connection(info: Info, id: strawberry.ID) -> TestMeliConnectionPayload:
    return await TestMeliConnection.run(info, id=id)
