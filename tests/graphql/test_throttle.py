"""Each caller's operations are paid from a leaky bucket of cost points in Redis; empty → THROTTLED."""

from __future__ import annotations

import asyncio
import math
from typing import Any

import httpx
import pytest
from structlog.testing import capture_logs

from melihub.graphql import limits
from melihub.runtime import Services, redis_client
from melihub.testing.graphql import error_codes, gql
from melihub.testing.stores import free_port
from tests.conftest import OWNER_PASSWORD, api_token_for

# Twelve objects that always exist: costs 12 whatever the data, and actually costs 12 (no refund).
TWELVE = "{ " + " ".join(f"t{n}: tenant {{ name }}" for n in range(12)) + " }"


def small_bucket(services: Services, capacity: int, restore_per_s: float) -> None:
    services.settings = services.settings.model_copy(
        update={"graphql_bucket_capacity": capacity, "graphql_bucket_restore_per_s": restore_per_s}
    )


def cost_of(body: dict[str, Any]) -> dict[str, Any]:
    cost: dict[str, Any] = body["extensions"]["cost"]
    return cost


async def test_an_empty_bucket_throttles_until_it_has_restored(client: httpx.AsyncClient, services, tenant_a) -> None:
    """Capacity 30, restoring 10/s: two operations of 12 leave ~6, the third waits ~0.6 s for the missing 6."""
    small_bucket(services, capacity=30, restore_per_s=10)
    token = await api_token_for(services, tenant_a[0])
    assert "errors" not in await gql(client, TWELVE, token=token)
    second = await gql(client, TWELVE, token=token)
    assert cost_of(second)["throttleStatus"] == {"maximumAvailable": 30, "currentlyAvailable": 6, "restoreRate": 10}

    response = await client.post("/graphql", json={"query": TWELVE}, headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 200  # GraphQL over HTTP: a well-formed request that was refused
    throttled = response.json()
    assert error_codes(throttled) == ["THROTTLED"]
    assert throttled.get("data") is None
    wait = throttled["errors"][0]["extensions"]["retryAfterSeconds"]
    assert 0.3 < wait <= 0.6
    assert cost_of(throttled)["requestedQueryCost"] == 12 and cost_of(throttled)["actualQueryCost"] == 0

    await asyncio.sleep(wait)
    again = await gql(client, TWELVE, token=token)
    assert "errors" not in again and again["data"]["t0"]["name"] == "Loja Aurora"


async def test_each_token_has_its_own_bucket(client: httpx.AsyncClient, services, tenant_a) -> None:
    small_bucket(services, capacity=20, restore_per_s=0.01)
    first, second = await api_token_for(services, tenant_a[0]), await api_token_for(services, tenant_a[0])
    assert "errors" not in await gql(client, TWELVE, token=first)
    assert error_codes(await gql(client, TWELVE, token=first)) == ["THROTTLED"]
    assert "errors" not in await gql(client, TWELVE, token=second)


async def test_a_signed_in_session_has_its_own_bucket(client: httpx.AsyncClient, services, tenant_a) -> None:
    small_bucket(services, capacity=20, restore_per_s=0.01)
    token = await api_token_for(services, tenant_a[0])
    assert "errors" not in await gql(client, TWELVE, token=token)
    assert error_codes(await gql(client, TWELVE, token=token)) == ["THROTTLED"]
    login = await gql(client, LOGIN, {"email": "ana@aurora.example", "password": OWNER_PASSWORD})
    assert login["data"]["login"]["errors"] == []
    assert "errors" not in await gql(client, TWELVE)  # the session cookie, not the token's bucket


LOGIN = """
mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { errors { code } } }
"""


async def test_anonymous_operations_share_a_bucket_per_client_address(client: httpx.AsyncClient, services) -> None:
    """login costs 10 + 1 (its errors): a capacity of 25 pays for two attempts from one address, not three."""
    small_bucket(services, capacity=25, restore_per_s=0.01)
    wrong = {"email": "nobody@example.com", "password": "guess"}
    assert (await gql(client, LOGIN, wrong))["data"]["login"]["errors"]
    assert (await gql(client, LOGIN, wrong))["data"]["login"]["errors"]
    assert error_codes(await gql(client, LOGIN, wrong)) == ["THROTTLED"]


async def test_what_was_asked_but_not_returned_goes_back_to_the_bucket(
    client: httpx.AsyncClient, services, tenant_a, meli_account_a
) -> None:
    """50 listings asked (2 + 50), none stored: the actual cost is the connection's 2, 50 are refunded."""
    small_bucket(services, capacity=1000, restore_per_s=0.01)
    token = await api_token_for(services, tenant_a[0])
    body = await gql(client, "{ listings(first: 50) { nodes { id } } }", token=token)
    assert body["data"]["listings"]["nodes"] == []
    assert cost_of(body)["requestedQueryCost"] == 52 and cost_of(body)["actualQueryCost"] == 2
    assert cost_of(body)["throttleStatus"]["currentlyAvailable"] == 998


async def test_every_response_says_what_it_cost(client: httpx.AsyncClient, services, tenant_a) -> None:
    token = await api_token_for(services, tenant_a[0])
    responses = {
        "query": await gql(client, "{ tenant { name } }", token=token),
        "mutation": await gql(client, LOGIN, {"email": "ana@aurora.example", "password": "wrong"}),
        "anonymous": await gql(client, "{ __typename }"),
        "unauthenticated": await gql(client, "{ tenant { name } }"),
        "invalid": await gql(client, "{ nope }", token=token),
        "syntax error": await gql(client, "{ tenant {", token=token),
        "variables": await gql(client, "query ($n: Int!) { listings(first: $n) { nodes { id } } }", token=token),
    }
    expected = {
        "query": (1, 1),
        "mutation": (11, 11),
        "anonymous": (0, 0),
        "unauthenticated": (1, 0),  # refused by its resolver: nothing came back
        "invalid": (0, 0),
        "syntax error": (0, 0),
        "variables": (52, 0),
    }
    for name, body in responses.items():
        cost = cost_of(body)
        assert (cost["requestedQueryCost"], cost["actualQueryCost"]) == expected[name], name
        assert cost["throttleStatus"]["maximumAvailable"] == 1000, name
        assert cost["throttleStatus"]["restoreRate"] == 50, name
        assert 0 <= cost["throttleStatus"]["currentlyAvailable"] <= 1000, name


async def test_without_redis_operations_run_unthrottled_and_a_warning_is_logged(
    client: httpx.AsyncClient, services, tenant_a, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_bucket(services, capacity=20, restore_per_s=0.01)
    token = await api_token_for(services, tenant_a[0])
    assert "errors" not in await gql(client, TWELVE, token=token)
    assert error_codes(await gql(client, TWELVE, token=token)) == ["THROTTLED"]

    monkeypatch.setattr(limits, "_last_outage_warning", -math.inf)
    healthy = services.redis
    services.redis = redis_client(f"redis://127.0.0.1:{free_port()}/0")
    try:
        with capture_logs() as logs:
            body = await gql(client, TWELVE, token=token)
    finally:
        await services.redis.aclose()
        services.redis = healthy
    assert "errors" not in body, body
    assert cost_of(body)["throttleStatus"]["currentlyAvailable"] is None
    assert [line["event"] for line in logs if line["log_level"] == "warning"] == ["graphql.throttle_unavailable"]
    assert error_codes(await gql(client, TWELVE, token=token)) == ["THROTTLED"]  # Redis back: enforced again
