"""Demo data: every run of `melihub demo` leaves its sellers usable, including the second run."""

from __future__ import annotations

import asyncio

import httpx

from melihub.app import create_app
from melihub.demo_seed import seed
from melihub.testing.fixtures import SELLER_A, SELLER_B
from melihub.testing.graphql import gql, login
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port
from tests.conftest import OWNER_PASSWORD

ACCOUNTS = "{ meliAccounts { nodes { id mlUserId status } } }"
TEST_CONNECTION = "mutation($id: ID!) { testMeliConnection(id: $id) { ok error } }"


async def test_a_second_run_relinks_sellers_whose_tokens_the_new_sandbox_does_not_know(
    meli_services, sandbox, live_settings, tenant_a
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"  # the OAuth callback must reach this server
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": base}
    )
    with serve_in_thread(create_app(settings=live), port=port):
        await asyncio.to_thread(seed, base, sandbox.url, "ana@aurora.example", OWNER_PASSWORD)
        for seller in (SELLER_A, SELLER_B):  # what a new sandbox process amounts to: our tokens mean nothing
            await asyncio.to_thread(sandbox.revoke, seller)
        await asyncio.to_thread(seed, base, sandbox.url, "ana@aurora.example", OWNER_PASSWORD)
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            await login(http, "ana@aurora.example", OWNER_PASSWORD)
            accounts = (await gql(http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
            checks = [(await gql(http, TEST_CONNECTION, {"id": a["id"]}))["data"] for a in accounts]
            accounts = (await gql(http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
    assert {a["mlUserId"] for a in accounts} == {str(SELLER_A), str(SELLER_B)}
    assert [check["testMeliConnection"]["ok"] for check in checks] == [True, True], checks
    assert {a["status"] for a in accounts} == {"ACTIVE"}
