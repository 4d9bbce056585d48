"""After a notification is durable: enqueue its resource's job, publish the change, count — batched.

The inbox row is already committed, so this work may be late or even lost (the sweeper re-enqueues
pending rows) but must not slow the 200. Items are handed to an in-process flusher that sends
everything gathered since its last round trip as one atomic Lua script: under load one Redis call
serves hundreds of notifications; when idle an item goes out at once. Jobs use arq's key layout and
serialisation, so arq workers run them like their own.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from arq.connections import ArqRedis
from arq.constants import expires_extra_ms, job_key_prefix, result_key_prefix
from arq.jobs import serialize_job
from arq.utils import timestamp_ms

from melihub.events.jobs import PROCESS_RESOURCE
from melihub.events.metrics import WEBHOOK_COUNTERS
from melihub.observability import get_logger
from melihub.realtime.bus import Change, tenant_channel
from melihub.runtime import QUEUE_NAME

log = get_logger("melihub.events.queue")
MAX_PENDING = 50_000
BATCH_WINDOW_S = 0.003
FIELDS = 5

# KEYS[1] queue, KEYS[2] counters. ARGV: expires_ms, now, then per item: job id, job, channel, message, counter.
# An item is enqueued unless a job with its id is queued or running (coalescing per resource).
_FLUSH = """
local enqueued = 0
for i = 3, #ARGV, 5 do
  local job_id = ARGV[i]
  if job_id ~= '' then
    local job_key = 'arq:job:' .. job_id
    if redis.call('EXISTS', job_key, 'arq:result:' .. job_id) == 0 then
      redis.call('PSETEX', job_key, ARGV[1], ARGV[i + 1])
      redis.call('ZADD', KEYS[1], ARGV[2], job_id)
      enqueued = enqueued + 1
    end
  end
  if ARGV[i + 2] ~= '' then redis.call('PUBLISH', ARGV[i + 2], ARGV[i + 3]) end
  redis.call('HINCRBY', KEYS[2], ARGV[i + 4], 1)
end
return enqueued
"""
assert job_key_prefix == "arq:job:" and result_key_prefix == "arq:result:"  # the layout _FLUSH writes


@dataclass(frozen=True)
class AfterIngest:
    job_id: str | None
    args: tuple[str, str, str] | None
    change: Change | None
    counter: str
    # The webhook's trace, continued by the worker that runs the job (W3C traceparent).
    traceparent: str | None = None

    def encode(self, now: int) -> list[str | bytes]:
        kwargs = {"traceparent": self.traceparent} if self.traceparent else {}
        job = serialize_job(PROCESS_RESOURCE, self.args or (), kwargs, None, now) if self.job_id else b""
        channel = tenant_channel(self.change.tenant_id) if self.change else ""
        return [self.job_id or "", job, channel, self.change.encode() if self.change else "", self.counter]


class ResourceQueue:
    def __init__(self, redis: ArqRedis) -> None:
        self.redis = redis
        self._script = redis.register_script(_FLUSH)
        self._pending: list[AfterIngest] = []
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.dropped = 0

    def submit(self, item: AfterIngest) -> None:
        """Never blocks: the item leaves with the next round trip."""
        if len(self._pending) >= MAX_PENDING:
            self.dropped += 1  # Redis is away; the inbox rows are safe and the sweeper will enqueue them
            return
        self._pending.append(item)
        self._wakeup.set()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="melihub-resource-queue")

    async def send(self, items: list[AfterIngest]) -> int:
        now = timestamp_ms()
        argv: list[str | bytes | int] = [expires_extra_ms, now]
        for item in items:
            argv.extend(item.encode(now))
        return int(await self._script(keys=[QUEUE_NAME, WEBHOOK_COUNTERS], args=argv))

    async def _run(self) -> None:
        while True:
            await self._wakeup.wait()
            # Let concurrent requests add theirs: at most one Redis round trip per window under load.
            await asyncio.sleep(BATCH_WINDOW_S)
            self._wakeup.clear()
            batch, self._pending = self._pending, []
            if not batch:
                continue
            try:
                await self.send(batch)
            except Exception as exc:  # noqa: BLE001 - lost items are re-enqueued by the sweeper
                log.warning("queue.flush_failed", error=type(exc).__name__, items=len(batch))
                await asyncio.sleep(0.5)

    async def drain(self, timeout: float = 5.0) -> None:
        """Wait until everything submitted so far has been sent (tests, shutdown)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while (self._pending or self._wakeup.is_set()) and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0)

    async def aclose(self) -> None:
        await self.drain(timeout=2.0)
        if self._task is not None:
            self._task.cancel()
            # Bounded: a flush stuck on a dead Redis connection must not hold shutdown.
            await asyncio.wait({self._task}, timeout=1.0)
            self._task = None
