"""Tokens after linking: one refresh for many 401s, reuse → reauth_required, key rotation."""

from __future__ import annotations

import asyncio

import httpx

from melihub.connections.maintenance import refresh_expiring_tokens, rotate_token_keys
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref, read_pair
from melihub.runtime import Services
from melihub.security.keyring import KeyRing, generate_key_spec
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gid, gql
from tests.conftest import link_seller
from tests.connections.test_linking import account_of

ACCOUNTS = "{ meliAccounts { nodes { id status lastError } } }"
TEST = "mutation($id: ID!) { testMeliConnection(id: $id) { ok latencyMs error account { status } } }"


async def test_fifty_concurrent_401s_cause_one_refresh(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    await link_seller(meli_client_http, sandbox, SELLER_A)
    ref = account_ref(await account_of(meli_services, tenant_a[0].id))
    client = meli_client(meli_services)
    await client.get_me(ref)  # the token is cached in this process
    sandbox.expire_tokens(SELLER_A)
    before = sandbox.stats()["token_calls"]["refresh_token"]
    results = await asyncio.gather(*(client.get_me(ref) for _ in range(50)))
    assert all(user.raw["id"] == SELLER_A for user in results)
    assert sandbox.stats()["token_calls"]["refresh_token"] - before == 1


async def test_reused_refresh_token_makes_the_account_reauth_required(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    await link_seller(meli_client_http, sandbox, SELLER_A)
    account = await account_of(meli_services, tenant_a[0].id)
    stolen = read_pair(account, meli_services.keyring).refresh_token
    async with httpx.AsyncClient() as other_app:  # someone else spends our refresh token first
        rotated = await other_app.post(
            f"{sandbox.url}/oauth/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": stolen,
                "client_id": "5503910054141466",
                "client_secret": "x",
            },
        )
    assert rotated.status_code == 200
    sandbox.expire_tokens(SELLER_A)
    meli_client(meli_services).refresher.forget(account_ref(account))

    result = (await gql(meli_client_http, TEST, {"id": gid("MeliAccount", account.id)}))["data"]["testMeliConnection"]
    assert result["ok"] is False and result["account"]["status"] == "REAUTH_REQUIRED"
    [listed] = (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
    assert listed["status"] == "REAUTH_REQUIRED" and listed["lastError"]
    # invalid_grant is final: nothing retries it
    assert sandbox.stats()["token_calls"]["refresh_token"] == 2


async def test_test_connection_reports_latency(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    await link_seller(meli_client_http, sandbox, SELLER_A)
    [listed] = (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
    result = (await gql(meli_client_http, TEST, {"id": listed["id"]}))["data"]["testMeliConnection"]
    assert result["ok"] is True and result["error"] is None and result["latencyMs"] > 0


async def test_keys_rotate_then_old_key_removed(meli_client_http, meli_services: Services, sandbox, tenant_a) -> None:
    await link_seller(meli_client_http, sandbox, SELLER_A)
    old_specs = list(meli_services.settings.token_keys)
    new_spec = generate_key_spec("k2")
    meli_services.keyring = KeyRing.from_specs([new_spec, *old_specs])
    assert await rotate_token_keys(meli_services) == 1
    assert await rotate_token_keys(meli_services) == 0
    account = await account_of(meli_services, tenant_a[0].id)
    assert account.access_token_enc.split(".")[1] == "k2" and account.refresh_token_enc.split(".")[1] == "k2"

    meli_services.keyring = KeyRing.from_specs([new_spec])  # the old key is gone
    store = meli_client(meli_services).refresher.store
    store.keyring = meli_services.keyring
    meli_client(meli_services).refresher.forget(account_ref(account))
    result = (await gql(meli_client_http, TEST, {"id": gid("MeliAccount", account.id)}))["data"]["testMeliConnection"]
    assert result["ok"] is True


async def test_hourly_job_refreshes_tokens_expiring_within_two_hours(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    await link_seller(meli_client_http, sandbox, SELLER_A)
    assert await refresh_expiring_tokens(meli_services) == {"refreshed": 0, "failed": 0, "skipped": 1}
    sandbox.configure(token_ttl_s=3600)
    await link_seller(meli_client_http, sandbox, SELLER_A)  # a token that expires within 2 h
    before = sandbox.stats()["token_calls"]["refresh_token"]
    assert (await refresh_expiring_tokens(meli_services))["refreshed"] == 1
    assert sandbox.stats()["token_calls"]["refresh_token"] == before + 1
