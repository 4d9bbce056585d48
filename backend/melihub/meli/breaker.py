"""Circuit breaker per (account, endpoint family), state in Redis so every process shares it.

closed --(``failures`` consecutive 5xx/timeout/connection failures)--> open
open --(``cooldown_s`` elapsed; the next caller becomes the single trial)--> half_open
half_open --trial succeeds--> closed;  --trial fails--> open (cooldown restarts)

4xx answers count as successes (the service is up); 429 is neutral. A half-open trial that never
reports back (process died) is given up after ``trial_timeout_s`` and another caller may try.
Every transition runs in a Lua script with Redis ``TIME``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from redis.asyncio import Redis

from melihub import metrics
from melihub.meli.config import MeliClientConfig
from melihub.meli.errors import CircuitOpen
from melihub.meli.families import FAMILIES
from melihub.meli.tokens import AccountRef

_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"

# KEYS[1] hash; ARGV cooldown_us, trial_timeout_us, ttl_ms -> {allowed, state, wait_us, has_history}
_ALLOW = (
    _NOW
    + """
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {1, 'closed', 0, 0} end
if state == 'closed' then return {1, 'closed', 0, 1} end
local cooldown = tonumber(ARGV[1])
if state == 'open' then
  local opened = tonumber(redis.call('HGET', KEYS[1], 'opened_at') or '0')
  if now < opened + cooldown then return {0, 'open', opened + cooldown - now, 1} end
  redis.call('HSET', KEYS[1], 'state', 'half_open', 'trial_at', now)
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1, 'half_open', 0, 1}
end
local trial = tonumber(redis.call('HGET', KEYS[1], 'trial_at') or '0')
local timeout = tonumber(ARGV[2])
if now < trial + timeout then return {0, 'half_open', trial + timeout - now, 1} end
redis.call('HSET', KEYS[1], 'trial_at', now)
return {1, 'half_open', 0, 1}
"""
)

# KEYS[1] hash; ARGV threshold, ttl_ms -> new state
_FAILURE = (
    _NOW
    + """
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
if state == 'half_open' or (state == 'closed' and failures >= tonumber(ARGV[1])) then
  state = 'open'
  redis.call('HSET', KEYS[1], 'state', 'open', 'opened_at', now)
elseif state == 'closed' then
  redis.call('HSET', KEYS[1], 'state', 'closed')
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return state
"""
)

# A success closes a closed/half-open breaker; a late success of a call that started before the
# breaker opened does not close an open one (only the trial decides).
_SUCCESS = """
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'closed' end
if state == 'open' then return 'open' end
redis.call('DEL', KEYS[1])
return 'closed'
"""


class BreakerStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass(frozen=True)
class BreakerState:
    """What health checks and GraphQL show for one (account, family)."""

    family: str
    state: BreakerStatus
    consecutive_failures: int
    opened_at: datetime | None
    next_trial_at: datetime | None


def _account_id(account: AccountRef | str) -> str:
    return account if isinstance(account, str) else account.id


def _dt(us: int) -> datetime:
    return datetime.fromtimestamp(us / 1_000_000, UTC)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _int(raw: dict[str, str], field: str) -> int:
    value = raw.get(field)
    return int(float(value)) if value else 0


class CircuitBreaker:
    def __init__(
        self,
        redis: Redis,
        *,
        failures: int = 5,
        cooldown_s: float = 30.0,
        trial_timeout_s: float = 15.0,
        prefix: str = "meli",
    ) -> None:
        self.redis = redis
        self.failures = failures
        self.cooldown_us = int(cooldown_s * 1_000_000)
        self.trial_timeout_us = int(trial_timeout_s * 1_000_000)
        self.ttl_ms = int(cooldown_s * 1000) + 3_600_000
        self.prefix = prefix
        self._allow = redis.register_script(_ALLOW)
        self._failure = redis.register_script(_FAILURE)
        self._success = redis.register_script(_SUCCESS)

    @classmethod
    def from_config(cls, redis: Redis, config: MeliClientConfig) -> CircuitBreaker:
        return cls(
            redis,
            failures=config.breaker_failures,
            cooldown_s=config.breaker_cooldown_s,
            trial_timeout_s=config.breaker_trial_timeout_s,
            prefix=config.key_prefix,
        )

    def _key(self, account: AccountRef | str, family: str) -> str:
        return f"{self.prefix}:cb:{_account_id(account)}:{family}"

    async def before_call(self, account: AccountRef | str, family: str) -> BreakerStatus:
        """Permission to call: the state the call runs in, or ``CircuitOpen`` (no call must be made)."""
        return (await self.permit(account, family))[0]

    async def permit(self, account: AccountRef | str, family: str) -> tuple[BreakerStatus, bool]:
        """:meth:`before_call`, and whether the breaker holds any failure or state a success must clear.

        A breaker with no history (the usual case) needs no success recorded: that skips a Redis call on
        almost every request.
        """
        allowed, state, wait_us, history = await self._allow(
            keys=[self._key(account, family)], args=[self.cooldown_us, self.trial_timeout_us, self.ttl_ms]
        )
        state_name = BreakerStatus(_text(state))
        if not int(allowed):
            metrics.MELI_BREAKER_REFUSALS.labels(family, state_name.value).inc()
            raise CircuitOpen(
                family, retry_at=datetime.now(UTC).timestamp() + int(wait_us) / 1_000_000, state=state_name.value
            )
        return state_name, bool(int(history)) or state_name is not BreakerStatus.CLOSED

    async def record_success(self, account: AccountRef | str, family: str) -> None:
        await self._success(keys=[self._key(account, family)])

    async def record_failure(self, account: AccountRef | str, family: str) -> BreakerStatus:
        state = await self._failure(keys=[self._key(account, family)], args=[self.failures, self.ttl_ms])
        return BreakerStatus(_text(state))

    async def reset(self, account: AccountRef | str, family: str) -> None:
        await self.redis.delete(self._key(account, family))

    async def state(self, account: AccountRef | str, family: str) -> BreakerState:
        return (await self._read(account, [family]))[family]

    async def states(self, account: AccountRef | str) -> dict[str, BreakerState]:
        """Every known family of the account (closed ones included)."""
        return await self._read(account, list(FAMILIES))

    async def _read(self, account: AccountRef | str, families: list[str]) -> dict[str, BreakerState]:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.time()
            for family in families:
                pipe.hgetall(self._key(account, family))
            results = await pipe.execute()
        seconds, micros = results[0]
        now = int(seconds) * 1_000_000 + int(micros)
        views = {}
        for family, raw in zip(families, results[1:], strict=True):
            views[family] = self._view(family, {_text(k): _text(v) for k, v in raw.items()}, now)
        return views

    def _view(self, family: str, raw: dict[str, str], now: int) -> BreakerState:
        state_raw = raw.get("state", "closed")
        failures = _int(raw, "failures")
        opened = _int(raw, "opened_at")
        if state_raw == BreakerStatus.OPEN:
            ready = opened + self.cooldown_us
            # Cooldown over: the next call is the trial, so the breaker is effectively half-open.
            status = BreakerStatus.HALF_OPEN if now >= ready else BreakerStatus.OPEN
            return BreakerState(family, status, failures, _dt(opened), _dt(ready))
        if state_raw == BreakerStatus.HALF_OPEN:
            trial_end = _int(raw, "trial_at") + self.trial_timeout_us
            next_trial = _dt(max(now, trial_end))
            return BreakerState(family, BreakerStatus.HALF_OPEN, failures, _dt(opened), next_trial)
        return BreakerState(family, BreakerStatus.CLOSED, failures, None, None)
