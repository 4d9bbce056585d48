"""exportProgress(id) over graphql-transport-ws: the export as its job writes progress, up to DONE; an export
the caller may not see is refused at once."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import httpx

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.graphql.relay import row_id_of
from melihub.orders.models import Order
from melihub.runtime import Services
from melihub.testing.graphql import gid, gql, login
from melihub.testing.ws import graphql_socket
from melihub_workers.tasks.exports import run_export
from tests.conftest import OWNER_PASSWORD
from tests.exports.world import START, sao_paulo

PROGRESS = "subscription($id: ID!) { exportProgress(id: $id) { id status rows progress } }"


async def test_a_subscriber_follows_an_export_to_done(
    live_server: str, services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> None:
    tenant, owner = tenant_a
    async with services.db.tenant(tenant.id) as session:
        for n in range(3):
            session.add(
                Order(tenant_id=tenant.id, meli_account_id=meli_account_a.id, ml_id=2000008000000001 + n, status="paid",
                      date_created=sao_paulo(2026, 11, 2), total_amount=Decimal("10.00"), currency_id="BRL")
            )  # fmt: skip
    async with httpx.AsyncClient(base_url=live_server, timeout=10) as http:
        assert (await login(http, owner.email, OWNER_PASSWORD))["errors"] == []
        started = (await gql(http, START, {"kind": "ORDERS", "format": "CSV"}))["data"]["startExport"]["export"]
        async with graphql_socket(live_server, cookies=dict(http.cookies)) as socket:
            await socket.subscribe(PROGRESS, {"id": started["id"]})
            await asyncio.sleep(0.3)  # registered with the hub
            row_id = row_id_of(started["id"], "Export")
            await run_export({"services": services}, str(tenant.id), str(row_id))
            seen = []
            while not seen or seen[-1]["status"] != "DONE":
                seen.append((await socket.next_payload(timeout=5.0))["data"]["exportProgress"])
        assert seen[0]["status"] == "RUNNING" and seen[0]["id"] == started["id"]
        assert seen[-1] == {"id": started["id"], "status": "DONE", "rows": 3, "progress": 1.0}


async def test_subscribing_to_an_unknown_export_is_refused_at_once(
    live_server: str, tenant_a: tuple[Tenant, User]
) -> None:
    _, owner = tenant_a
    async with httpx.AsyncClient(base_url=live_server, timeout=10) as http:
        assert (await login(http, owner.email, OWNER_PASSWORD))["errors"] == []
        async with graphql_socket(live_server, cookies=dict(http.cookies)) as socket:
            operation = await socket.subscribe(PROGRESS, {"id": gid("Export", "0" * 32)})
            message = await socket.receive(timeout=3.0)
    assert message["id"] == operation
    codes = [e["extensions"]["code"] for e in (message["payload"] if message["type"] == "error" else
                                               message["payload"]["errors"])]  # fmt: skip
    assert codes == ["NOT_FOUND"]
