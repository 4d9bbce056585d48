"""Retries, backoff, Retry-After, timeouts and the circuit breaker, against the sandbox's faults."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from melihub.meli import BreakerStatus, CircuitOpen, Forbidden, NotFound, RateLimited, Unavailable, ValidationError

from .conftest import SELLER_A, SELLER_B, MakeClient


def calls_since(sandbox: Any, since: float, route_prefix: str = "") -> list[dict[str, Any]]:
    answer = httpx.get(f"{sandbox.url}/_sandbox/calls", params={"since": since})
    answer.raise_for_status()
    return [c for c in answer.json() if c["route"].startswith(route_prefix) and c["route"] != "/oauth/token"]


async def test_5xx_is_retried_with_backoff_then_surfaces_unavailable(
    fresh_sandbox: Any, make_client: MakeClient
) -> None:
    client = make_client(max_retries=3, backoff_base_s=0.1, backoff_cap_s=0.1, breaker_failures=50)
    fresh_sandbox.set_faults({"5xx": 1.0})
    since = time.time()
    with pytest.raises(Unavailable) as raised:
        await client.get_item(SELLER_A, "MLB3012345603")
    calls = calls_since(fresh_sandbox, since, "/items")
    assert len(calls) == 4 and all(c["status"] >= 500 for c in calls)  # 1 + max_retries
    assert raised.value.status is not None and raised.value.status >= 500


async def test_5xx_then_recovery_succeeds_on_a_retry(fresh_sandbox: Any, make_client: MakeClient) -> None:
    client = make_client(max_retries=5, backoff_base_s=0.2, backoff_cap_s=0.2)
    fresh_sandbox.set_faults({"5xx": 1.0})

    since = time.time()

    async def heal() -> None:
        # After the second failure, not after a fixed time: full-jitter delays can fit five failures (and
        # open the breaker) into any fixed wait on a busy machine.
        while len(calls_since(fresh_sandbox, since, "/items")) < 2:
            await asyncio.sleep(0.005)
        fresh_sandbox.set_faults({})

    response, _ = await asyncio.gather(client.request(SELLER_A, "GET", "/items/MLB3012345603"), heal())
    calls = calls_since(fresh_sandbox, since, "/items")
    assert response.status == 200 and response.attempts == len(calls) >= 2
    assert calls[-1]["status"] == 200 and all(c["status"] >= 500 for c in calls[:-1])


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/items/MLB3099999999", NotFound),
        ("/orders/2000011223344551", Forbidden),  # seller B's order with seller A's token
        ("/users/2401234567/items/search?offset=990&limit=50", ValidationError),
    ],
)
async def test_4xx_are_not_retried(fresh_sandbox: Any, make_client: MakeClient, path: str, error: type) -> None:
    client = make_client()
    since = time.time()
    with pytest.raises(error):
        await client.request(SELLER_A, "GET", path)
    assert len(calls_since(fresh_sandbox, since, "/")) == 1


async def test_429_retry_after_is_honoured(fresh_sandbox: Any, make_client: MakeClient) -> None:
    """The sandbox's own limiter answers 429 with Retry-After; the client sleeps that long, then succeeds."""
    client = make_client(max_retries=3)
    fresh_sandbox.configure(rate_limit_per_s=1)
    try:
        since = time.time()
        started = time.monotonic()
        first, second = await asyncio.gather(
            client.request(SELLER_A, "GET", "/items/MLB3012345603"),
            client.request(SELLER_A, "GET", "/items/MLB3012345604"),
        )
        elapsed = time.monotonic() - started
    finally:
        fresh_sandbox.configure(rate_limit_per_s=1000)
    calls = calls_since(fresh_sandbox, since, "/items")
    throttled = [c for c in calls if c["status"] == 429]
    assert first.status == second.status == 200
    assert throttled and max(first.attempts, second.attempts) >= 2
    assert elapsed >= 0.5  # slept per Retry-After rather than hammering


async def test_429_fault_exhausts_retries_as_rate_limited(fresh_sandbox: Any, make_client: MakeClient) -> None:
    client = make_client(max_retries=2, retry_after_max_s=0.5)
    fresh_sandbox.set_faults({"429": 1.0})
    since = time.time()
    with pytest.raises(RateLimited):
        await client.get_item(SELLER_A, "MLB3012345603")
    calls = calls_since(fresh_sandbox, since, "/items")
    assert 1 <= len(calls) <= 3 and all(c["status"] == 429 for c in calls)


async def test_breaker_opens_fails_fast_then_half_opens_and_closes(fresh_sandbox: Any, make_client: MakeClient) -> None:
    """Acceptance 4."""
    client = make_client(max_retries=0, breaker_failures=3, breaker_cooldown_s=0.5)
    fresh_sandbox.set_faults({"endpoints": {"items": {"5xx": 1.0}}})
    for _ in range(3):
        with pytest.raises(Unavailable):
            await client.get_item(SELLER_A, "MLB3012345603")
    state = (await client.breaker.states(SELLER_A))["items"]
    assert state.state is BreakerStatus.OPEN and state.consecutive_failures == 3 and state.next_trial_at

    since = time.time()
    with pytest.raises(CircuitOpen):
        await client.get_item(SELLER_A, "MLB3012345603")
    assert calls_since(fresh_sandbox, since, "/items") == []  # failed fast: no call made
    assert (await client.get_order(SELLER_A, 2000009876543201)).id  # other families unaffected
    assert (await client.breaker.state(SELLER_B, "items")).state is BreakerStatus.CLOSED  # per account

    fresh_sandbox.set_faults({})
    await asyncio.sleep(0.55)
    assert (await client.breaker.state(SELLER_A, "items")).state is BreakerStatus.HALF_OPEN
    assert (await client.get_item(SELLER_A, "MLB3012345603")).id == "MLB3012345603"  # the trial
    states = await client.breaker.states(SELLER_A)
    assert states["items"].state is BreakerStatus.CLOSED and states["items"].consecutive_failures == 0


async def test_timeout_then_retry_with_the_real_5s_timeout(fresh_sandbox: Any, make_client: MakeClient) -> None:
    """Acceptance 5: 6 s of latency meets the 5 s client timeout; the retry succeeds."""
    client = make_client(timeout_s=5.0, max_retries=3)
    fresh_sandbox.set_faults({"latency_ms": 6000})

    async def clear_faults_once_the_first_attempt_is_in_flight() -> None:
        await asyncio.sleep(1.0)
        fresh_sandbox.set_faults({})

    since = time.time()
    started = time.monotonic()
    response, _ = await asyncio.gather(
        client.request(SELLER_A, "GET", "/items/MLB3012345603"), clear_faults_once_the_first_attempt_is_in_flight()
    )
    elapsed = time.monotonic() - started
    assert response.status == 200 and response.attempts == 2
    assert 5.0 <= elapsed < 6.5  # timed out at 5 s, did not wait the 6 s
    assert len(calls_since(fresh_sandbox, since, "/items")) >= 1


async def test_timeouts_exhaust_retries_as_unavailable(fresh_sandbox: Any, make_client: MakeClient) -> None:
    client = make_client(timeout_s=0.3, max_retries=2, breaker_failures=50)
    fresh_sandbox.set_faults({"latency_ms": 1000})
    started = time.monotonic()
    with pytest.raises(Unavailable) as raised:
        await client.get_item(SELLER_A, "MLB3012345603")
    assert raised.value.error == "ReadTimeout"
    assert time.monotonic() - started < 2.5


async def test_post_is_not_retried_on_5xx(fresh_sandbox: Any, make_client: MakeClient) -> None:
    client = make_client(max_retries=3, breaker_failures=50)
    fresh_sandbox.set_faults({"5xx": 1.0})
    since = time.time()
    with pytest.raises(Unavailable):
        await client.post_answer(SELLER_A, 13012345604, "Sim, funciona com iPhone.")
    assert len(calls_since(fresh_sandbox, since, "/answers")) == 1
