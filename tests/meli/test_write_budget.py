"""Writes take a slot of their family's write budget on top of every read budget; reads never touch it."""

from __future__ import annotations

import time

from redis.asyncio import Redis

from melihub.config import Settings
from melihub.meli import RateLimiter
from melihub.meli.config import MeliClientConfig

from .conftest import SELLER_A, MakeClient, route_calls


async def test_a_write_takes_its_write_budget_and_a_read_does_not(redis: Redis) -> None:
    limiter = RateLimiter(redis, client_id="app-w", app_rate_per_s=100, write_rates={"items": 2}, margin_ms=0)

    assert [b.key.rsplit(":", 2)[-2:] for b in limiter.budgets(1, "items", write=True)][-1] == ["write", "items"]
    assert len(limiter.budgets(1, "items")) == len(limiter.budgets(1, "items", write=True)) - 1
    assert await limiter.try_acquire(1, "items", True) == 0
    assert await limiter.try_acquire(1, "items", True) == 0
    assert await limiter.try_acquire(1, "items", True) > 0  # 2 writes a second
    assert await limiter.try_acquire(1, "items") == 0  # a read of the same family still goes
    assert await limiter.try_acquire(1, "orders", True) == 0  # no write budget configured for orders


async def test_the_clients_item_writes_are_paced_by_the_write_budget(make_client: MakeClient, fresh_sandbox) -> None:
    client = make_client(write_rates={"items": 4})
    started = time.monotonic()
    for quantity in range(8):
        await client.update_item(SELLER_A, "MLB3012345608", {"available_quantity": 60 + quantity})
    elapsed = time.monotonic() - started
    reads_started = time.monotonic()
    for _ in range(8):
        await client.get_item(SELLER_A, "MLB3012345608")

    assert elapsed >= 0.95  # the second 4 waited for the window: 8 writes at 4/s
    assert time.monotonic() - reads_started < 0.5  # reads did not wait
    assert route_calls(fresh_sandbox, "PUT /items/{id}") >= 8


def test_the_default_write_budget_is_five_item_writes_a_second(monkeypatch) -> None:
    assert Settings().meli_write_rate_map == {"items": 5.0}
    monkeypatch.setenv("MELIHUB_MELI_WRITE_RATES", "items:10,questions:2")
    settings = Settings()
    assert MeliClientConfig.from_settings(settings).write_rates == {"items": 10.0, "questions": 2.0}
