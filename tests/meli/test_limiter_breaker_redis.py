"""Rate limiter and circuit breaker state machines on a real Redis (no HTTP involved)."""

from __future__ import annotations

import asyncio
import time

import pytest
from redis.asyncio import Redis

from melihub.meli import BreakerStatus, CircuitBreaker, CircuitOpen, RateLimited, RateLimiter
from melihub.meli.ratelimit import limit_and_window

from .conftest import SELLER_A


def test_rates_become_integral_limits_that_never_exceed_the_rate() -> None:
    assert limit_and_window(10) == (10, 1000.0)
    limit, window = limit_and_window(500 / 60)
    assert limit == 8 and window == pytest.approx(960.0)
    assert limit_and_window(0.5) == (1, 2000.0)


async def test_one_script_takes_from_every_budget_or_none(redis: Redis) -> None:
    limiter = RateLimiter(
        redis, client_id="app", app_rate_per_s=5, seller_rate_per_s=2, family_rates={"messages": 3}, margin_ms=0
    )
    assert await limiter.try_acquire(1, "messages") == 0
    assert await limiter.try_acquire(1, "items") == 0
    wait = await limiter.try_acquire(1, "messages")  # seller budget (2/s) exhausted
    assert 0 < wait <= 1.0
    # the refused call took nothing: another seller still has the app budget minus 2
    for seller in (2, 2, 3):
        assert await limiter.try_acquire(seller, "items") == 0
    assert await limiter.try_acquire(4, "items") > 0  # app budget (5/s) exhausted
    keys = [b.key for b in limiter.budgets(1, "messages")]
    assert len(keys) == 3
    for key in keys:
        ttl = await redis.pttl(key)
        assert 0 < ttl <= 3000  # keys expire


async def test_acquire_waits_instead_of_failing_and_gives_up_past_max_wait(redis: Redis) -> None:
    limiter = RateLimiter(redis, client_id="app2", app_rate_per_s=4, margin_ms=0, jitter_ms=1)
    started = time.monotonic()
    for _ in range(6):
        await limiter.acquire(None, None)
    assert time.monotonic() - started >= 0.9  # 2 of the 6 waited for the window to slide
    impatient = RateLimiter(redis, client_id="app2", app_rate_per_s=4, margin_ms=0, max_wait_s=0.01)
    with pytest.raises(RateLimited):
        for _ in range(5):
            await impatient.acquire(None, None)


async def test_breaker_opens_fails_fast_half_opens_and_closes(redis: Redis) -> None:
    breaker = CircuitBreaker(redis, failures=3, cooldown_s=0.3, trial_timeout_s=5)
    for _ in range(2):
        await breaker.before_call(SELLER_A, "items")
        assert await breaker.record_failure(SELLER_A, "items") is BreakerStatus.CLOSED
    await breaker.record_success(SELLER_A, "items")  # consecutive failures only
    assert (await breaker.state(SELLER_A, "items")).consecutive_failures == 0
    for _ in range(3):
        await breaker.record_failure(SELLER_A, "items")
    state = await breaker.state(SELLER_A, "items")
    assert state.state is BreakerStatus.OPEN and state.opened_at and state.next_trial_at
    with pytest.raises(CircuitOpen):
        await breaker.before_call(SELLER_A, "items")
    await breaker.before_call(SELLER_A, "orders")  # other families unaffected
    await asyncio.sleep(0.35)
    assert (await breaker.state(SELLER_A, "items")).state is BreakerStatus.HALF_OPEN
    assert await breaker.before_call(SELLER_A, "items") is BreakerStatus.HALF_OPEN  # the one trial
    with pytest.raises(CircuitOpen):
        await breaker.before_call(SELLER_A, "items")  # a second caller during the trial
    assert await breaker.record_failure(SELLER_A, "items") is BreakerStatus.OPEN  # trial failed: reopen
    await asyncio.sleep(0.35)
    await breaker.before_call(SELLER_A, "items")
    await breaker.record_success(SELLER_A, "items")
    states = await breaker.states(SELLER_A)
    assert states["items"].state is BreakerStatus.CLOSED and states["orders"].state is BreakerStatus.CLOSED


async def test_lost_half_open_trial_is_given_up_after_its_timeout(redis: Redis) -> None:
    breaker = CircuitBreaker(redis, failures=1, cooldown_s=0.05, trial_timeout_s=0.2)
    await breaker.record_failure(SELLER_A, "orders")
    await asyncio.sleep(0.06)
    await breaker.before_call(SELLER_A, "orders")  # trial that never reports back
    with pytest.raises(CircuitOpen):
        await breaker.before_call(SELLER_A, "orders")
    await asyncio.sleep(0.21)
    assert await breaker.before_call(SELLER_A, "orders") is BreakerStatus.HALF_OPEN


async def test_a_breaker_with_no_history_asks_for_no_success_and_one_with_failures_does(redis: Redis) -> None:
    breaker = CircuitBreaker(redis, failures=3, cooldown_s=0.3, trial_timeout_s=5)
    assert await breaker.permit(SELLER_A, "questions") == (BreakerStatus.CLOSED, False)
    await breaker.record_failure(SELLER_A, "questions")
    assert await breaker.permit(SELLER_A, "questions") == (BreakerStatus.CLOSED, True)  # a success must clear it
    await breaker.record_success(SELLER_A, "questions")
    assert await breaker.permit(SELLER_A, "questions") == (BreakerStatus.CLOSED, False)


async def test_waiters_of_one_process_queue_for_the_budget_instead_of_all_asking_redis(redis: Redis) -> None:
    limiter = RateLimiter(redis, client_id="app-queue", app_rate_per_s=20, margin_ms=0, jitter_ms=1)
    for _ in range(20):  # a full window whose slots free one at a time, as under steady load
        await limiter.acquire(None, None)
        await asyncio.sleep(0.04)
    calls = 0
    take = limiter.try_acquire

    async def counted(*args: object) -> float:
        nonlocal calls
        calls += 1
        return await take(*args)  # type: ignore[arg-type]

    limiter.try_acquire = counted  # type: ignore[method-assign]
    await asyncio.gather(*(limiter.acquire(None, None) for _ in range(30)))
    # Queued, each waiter asks about twice; herded, every freed slot woke them all (hundreds of calls).
    assert calls < 100, calls
