"""Counters shared by every process (Redis hash), readable by operators and the health report."""

from __future__ import annotations

import contextlib

from redis.asyncio import Redis

WEBHOOK_COUNTERS = "melihub:metrics:webhooks"


async def count(redis: Redis, name: str, amount: int = 1) -> None:
    """Best effort: a metric never fails a request."""
    with contextlib.suppress(Exception):  # metrics are not worth an error
        await redis.hincrby(WEBHOOK_COUNTERS, name, amount)


async def read(redis: Redis) -> dict[str, int]:
    raw = await redis.hgetall(WEBHOOK_COUNTERS)
    return {key.decode(): int(value) for key, value in raw.items()}
