"""The per-process hub: a stalled subscriber is dropped and never delays a healthy one."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from redis.asyncio import Redis

from melihub.realtime.bus import Change, publish
from melihub.realtime.hub import EventHub, SubscriberTooSlow

BURST = 200


async def test_a_stalled_subscriber_is_dropped_and_the_healthy_one_gets_everything_promptly(clean_redis: str) -> None:
    tenant = str(uuid.uuid4())
    hub = await EventHub(clean_redis, queue_size=16).start()
    redis = Redis.from_url(clean_redis)
    try:
        await asyncio.wait_for(hub.connected.wait(), 5)
        async with hub.subscribe(tenant, {"order"}) as healthy, hub.subscribe(tenant, {"order"}) as stalled:
            received: list[float] = []

            async def read_all() -> None:
                async for _change in healthy:
                    received.append(time.monotonic())
                    if len(received) == BURST:
                        return

            reader = asyncio.create_task(read_all())
            started = time.monotonic()
            for n in range(BURST):
                await publish(redis, Change(tenant, "order", str(n)))
            await asyncio.wait_for(reader, 5)
            assert received[-1] - started < 1.0
            assert stalled.dropped
            with pytest.raises(SubscriberTooSlow):
                await anext(aiter(stalled))
    finally:
        await hub.aclose()
        await redis.aclose()


async def test_changes_reach_only_their_tenant_and_types(clean_redis: str) -> None:
    mine, other = str(uuid.uuid4()), str(uuid.uuid4())
    hub = await EventHub(clean_redis).start()
    redis = Redis.from_url(clean_redis)
    try:
        await asyncio.wait_for(hub.connected.wait(), 5)
        async with hub.subscribe(mine, {"order"}, {"acc-1"}) as subscriber:
            await publish(redis, Change(other, "order", "theirs"))
            await publish(redis, Change(mine, "listing", "a-listing"))
            await publish(redis, Change(mine, "order", "other-account", meli_account_id="acc-2"))
            await publish(redis, Change(mine, "order", "ours", meli_account_id="acc-1"))
            change = await asyncio.wait_for(anext(aiter(subscriber)), 2)
        assert change.id == "ours"
    finally:
        await hub.aclose()
        await redis.aclose()
