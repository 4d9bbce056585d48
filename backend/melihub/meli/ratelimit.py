"""A rate limiter shared by every melihub process, in Redis.

One Lua script checks and takes a slot from several budgets at once (per application, per seller,
per endpoint family). Each budget is a sliding-window log (a sorted set of grant times) stamped with
Redis server ``TIME`` inside the script, so clocks of the worker machines do not matter.

Guarantee: a budget of ``limit`` per ``window`` grants slot k+limit at least ``window`` after slot
k. Windows are widened by ``margin_ms`` so that, as long as the network jitter between Redis and ML
stays under the margin, ML never sees more than ``limit`` requests in any sliding window.
Callers wait (``asyncio.sleep`` with a little jitter) instead of collecting 429s.
"""

from __future__ import annotations

import asyncio
import math
import random
import secrets
import time
from dataclasses import dataclass

from redis.asyncio import Redis

from melihub.meli.config import MeliClientConfig
from melihub.meli.errors import RateLimited

_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local entry = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local w = tonumber(entry[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1])
  redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[2 * i + 1]) / 1000) + 1000)
end
return 0
"""


@dataclass(frozen=True)
class Budget:
    """At most ``limit`` grants per ``window_ms`` (already widened by the safety margin)."""

    key: str
    limit: int
    window_ms: float


def limit_and_window(rate_per_s: float) -> tuple[int, float]:
    """``rate`` req/s as an integral ``limit`` per window: 10 -> (10, 1000 ms), 8.33 -> (8, 960 ms).

    The limit never exceeds ``rate`` in any 1-second window, and the long-run rate is ``rate``.
    """
    if rate_per_s <= 0:
        raise ValueError("rate must be positive")
    if rate_per_s >= 1:
        limit = math.floor(rate_per_s)
        return limit, 1000.0 * limit / rate_per_s
    return 1, 1000.0 / rate_per_s


class RateLimiter:
    """Budgets: application (client id), seller (ML user id), endpoint family and the family's writes
    (each when configured). A write takes a slot of every read budget too, and one of its write budget."""

    def __init__(
        self,
        redis: Redis,
        *,
        client_id: str,
        app_rate_per_s: float,
        seller_rate_per_s: float | None = None,
        family_rates: dict[str, float] | None = None,
        write_rates: dict[str, float] | None = None,
        margin_ms: float = 60,
        jitter_ms: float = 10,
        max_wait_s: float = 60.0,
        prefix: str = "meli",
    ) -> None:
        self.redis = redis
        self.client_id = client_id
        self.app_rate_per_s = app_rate_per_s
        self.seller_rate_per_s = seller_rate_per_s
        self.family_rates = dict(family_rates or {})
        self.write_rates = dict(write_rates or {})
        self.margin_ms = margin_ms
        self.jitter_ms = jitter_ms
        self.max_wait_s = max_wait_s
        self.prefix = prefix
        self._base = self._base_of(client_id)
        self._take = redis.register_script(_TAKE)
        self._turns: dict[tuple[int, str | None, int | None, str | None, bool], asyncio.Lock] = {}

    def _base_of(self, client_id: str) -> str:
        # One hash tag per application: every budget of one call lives in one cluster slot.
        return f"{self.prefix}:rl:{{{client_id}}}"

    @classmethod
    def from_config(cls, redis: Redis, config: MeliClientConfig) -> RateLimiter:
        return cls(
            redis,
            client_id=config.client_id,
            app_rate_per_s=config.app_rate_per_s,
            seller_rate_per_s=config.seller_rate_per_s,
            family_rates=config.family_rates,
            write_rates=config.write_rates,
            margin_ms=config.rate_margin_ms,
            jitter_ms=config.rate_jitter_ms,
            max_wait_s=config.rate_max_wait_s,
            prefix=config.key_prefix,
        )

    async def forget_grants(self) -> None:
        """Delete the grant logs of every budget of this application, as if nothing had been sent yet (a
        test measuring its own calls' timeline after a set-up that made some)."""
        keys = [key async for key in self.redis.scan_iter(match=f"{self._base}:*")]
        if keys:
            await self.redis.delete(*keys)

    def budgets(
        self, seller_id: int | None = None, family: str | None = None, *, write: bool = False, app: str | None = None
    ) -> list[Budget]:
        """The budgets of one call; ``app`` names another application than the process's (its own budgets)."""
        base = self._base_of(app) if app else self._base

        def budget(suffix: str, rate: float) -> Budget:
            limit, window_ms = limit_and_window(rate)
            return Budget(f"{base}:{suffix}", limit, window_ms + self.margin_ms)

        budgets = [budget("app", self.app_rate_per_s)]
        if seller_id is not None and self.seller_rate_per_s:
            budgets.append(budget(f"seller:{seller_id}", self.seller_rate_per_s))
        if family is not None and family in self.family_rates:
            budgets.append(budget(f"family:{family}", self.family_rates[family]))
        if write and family is not None and family in self.write_rates:
            budgets.append(budget(f"write:{family}", self.write_rates[family]))
        return budgets

    async def try_acquire(
        self, seller_id: int | None = None, family: str | None = None, write: bool = False, app: str | None = None
    ) -> float:
        """Take a slot from every budget, or none: returns 0.0 when taken, else seconds to wait."""
        budgets = self.budgets(seller_id, family, write=write, app=app)
        args: list[str | int] = [secrets.token_hex(8)]
        for budget in budgets:
            args += [budget.limit, int(budget.window_ms * 1000)]
        wait_us = await self._take(keys=[b.key for b in budgets], args=args)
        return int(wait_us) / 1_000_000

    async def acquire(
        self, seller_id: int | None = None, family: str | None = None, *, write: bool = False, app: str | None = None
    ) -> float:
        """Wait until a slot is free in every budget and take it; returns the seconds waited.

        Raises ``RateLimited`` (no request made) if that would take longer than ``max_wait_s``.
        """
        started = time.monotonic()
        # One caller per process and budget asks Redis at a time; the others queue behind it. Without the
        # queue every waiter wakes at the same instant for the same freed slot (a sync has a hundred
        # requests waiting): one wins, all the others ask Redis again — thousands of calls a second.
        async with self._turn(app, seller_id, family, write):
            while True:
                wait = await self.try_acquire(seller_id, family, write, app)
                if wait <= 0:
                    return time.monotonic() - started
                if time.monotonic() - started + wait > self.max_wait_s:
                    raise RateLimited(
                        f"local rate budget exhausted for {self.max_wait_s}s", error="local_budget", retry_after=wait
                    )
                # A little jitter keeps processes from waking together; little, as it is paid on every grant.
                await asyncio.sleep(wait + random.uniform(0, min(self.jitter_ms / 1000, wait / 10)))

    def _turn(self, app: str | None, seller_id: int | None, family: str | None, write: bool) -> asyncio.Lock:
        key = (id(asyncio.get_running_loop()), app, seller_id, family, write)
        lock = self._turns.get(key)
        if lock is None:
            lock = self._turns[key] = asyncio.Lock()
        return lock
