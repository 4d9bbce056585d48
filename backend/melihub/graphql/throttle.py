"""A leaky bucket of GraphQL cost points per caller, in Redis, shared by every API process.

A bucket holds up to ``capacity`` points and refills at ``restore_per_s``; an operation takes its cost
before it runs, or is refused if the bucket holds less. One Lua script refills, takes and answers the
level atomically, stamped with Redis's own clock (the API machines' clocks do not matter); a negative
cost gives points back (the refund once the actual cost is known), a cost of 0 only reads the level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from redis.asyncio import Redis
from starlette.requests import HTTPConnection

from melihub.accounts.principal import Principal

_TAKE = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
level = math.min(capacity, level + math.max(0, now - at) * rate)
local taken = 0
local wait = 0
if cost <= level then
  level = math.min(capacity, level - cost)
  taken = 1
else
  wait = (cost - level) / rate
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
-- Once full again the bucket is the same as no bucket: let the key go.
redis.call('EXPIRE', KEYS[1], math.ceil((capacity - level) / rate) + 1)
return {taken, tostring(level), tostring(wait)}
"""

PREFIX = "melihub:graphql:bucket"


@dataclass(frozen=True)
class Take:
    """The outcome of taking ``cost`` points: whether they were taken, what is left, how long to wait."""

    taken: bool
    available: float
    retry_after_s: float


class LeakyBucket:
    def __init__(self, redis: Redis, capacity: int, restore_per_s: float) -> None:
        self.capacity = capacity
        self.restore_per_s = restore_per_s
        self._take = redis.register_script(_TAKE)

    async def take(self, key: str, cost: float) -> Take:
        """Take ``cost`` points from the bucket ``key`` if it holds them (a negative cost refunds)."""
        taken, level, wait = await self._take(keys=[f"{PREFIX}:{key}"], args=[self.capacity, self.restore_per_s, cost])
        # Rounded up to the hundredth: waiting the advertised time is always enough.
        return Take(bool(taken), float(level), math.ceil(float(wait) * 100) / 100)


def bucket_key(principal: Principal | None, connection: HTTPConnection | None) -> str:
    """Whose bucket an operation draws on: the API token, else the session, else the user.

    Anonymous operations (login, refreshSession) share a bucket per client address, so that guessing
    passwords from one address is bounded as well.
    """
    if principal is not None:
        if principal.api_token_id is not None:
            return f"token:{principal.api_token_id}"
        if principal.session_family is not None:
            return f"session:{principal.session_family}"
        if principal.user_id is not None:
            return f"user:{principal.user_id}"
    client = connection.client if connection is not None else None
    return f"ip:{client.host if client else 'unknown'}"
