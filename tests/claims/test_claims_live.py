"""End to end: linking brings the seller's claims in; a claim the sandbox closes (with its notification)
reaches claimChanged subscribers, and the inbox's list shows it closed."""

from __future__ import annotations

import asyncio

import httpx

from melihub.app import create_app
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql
from melihub.testing.server import serve_in_thread
from melihub.testing.ws import graphql_socket
from tests.conftest import PUBLIC_URL, link_seller
from tests.events.test_live_orders import _syncs_settled

CLAIM = "5212345678"  # the reference claim, on one of seller A's orders
CLAIM_CHANGED = "subscription { claimChanged { mlId status stage dueDate } }"
CLAIMS = "query($status: String) { claims(filter: {status: $status}) { nodes { mlId status } } }"


async def test_a_claim_closed_on_mercado_livre_turns_closed_live(
    meli_services: Services, sandbox, live_settings, worker, tenant_a
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    with serve_in_thread(create_app(settings=live)) as base:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            await _syncs_settled(meli_services, tenant_a[0].id)
            opened = (await gql(http, CLAIMS, {"status": "opened"}))["data"]["claims"]["nodes"]
            assert opened == [{"mlId": CLAIM, "status": "opened"}]

            async with graphql_socket(base, cookies=dict(http.cookies)) as socket:
                await socket.subscribe(CLAIM_CHANGED)
                await asyncio.sleep(0.3)  # registered with the hub
                raw = sandbox.get("claims", CLAIM)
                raw.update(status="closed", stage="none")
                await asyncio.to_thread(sandbox.put, "claims", CLAIM, raw, notify=True)
                payload = await socket.next_payload(timeout=5.0)
            assert payload["data"]["claimChanged"]["mlId"] == CLAIM
            assert (payload["data"]["claimChanged"]["status"], payload["data"]["claimChanged"]["stage"]) == (
                "closed",
                "none",
            )
            assert (await gql(http, CLAIMS, {"status": "opened"}))["data"]["claims"]["nodes"] == []
            closed = (await gql(http, CLAIMS, {"status": "closed"}))["data"]["claims"]["nodes"]
            assert [node["mlId"] for node in closed] == [CLAIM]
