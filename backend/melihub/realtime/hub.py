"""Per-process fan-out of tenant changes: one Redis subscription, bounded queues per subscriber.

A subscriber that does not keep up is dropped (its queue is full) instead of slowing the reader,
so one stalled browser never delays the others; it is told why and may subscribe again.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis

from melihub.aio import cancel_and_wait
from melihub.observability import get_logger
from melihub.realtime.bus import CHANNEL_PREFIX, Change
from melihub.realtime.shared import SharedLoads

log = get_logger("melihub.hub")
DEFAULT_QUEUE_SIZE = 256
RECONNECT_DELAYS_S = (0.1, 0.5, 1.0, 2.0, 5.0)


class SubscriberTooSlow(Exception):
    pass


class Subscriber:
    def __init__(self, tenant_id: str, types: frozenset[str], accounts: frozenset[str] | None, size: int) -> None:
        self.tenant_id = tenant_id
        self.types = types
        self.accounts = accounts
        self.queue: asyncio.Queue[Change] = asyncio.Queue(maxsize=size)
        self.dropped = False

    def wants(self, change: Change) -> bool:
        if change.type not in self.types:
            return False
        return self.accounts is None or change.meli_account_id is None or change.meli_account_id in self.accounts

    def offer(self, change: Change) -> None:
        try:
            self.queue.put_nowait(change)
        except asyncio.QueueFull:
            self.dropped = True

    def __aiter__(self) -> Subscriber:
        return self

    async def __anext__(self) -> Change:
        if self.dropped:
            raise SubscriberTooSlow("events arrived faster than this subscriber read them; subscribe again")
        return await self.queue.get()


class EventHub:
    def __init__(self, redis_url: str, *, queue_size: int = DEFAULT_QUEUE_SIZE) -> None:
        self.redis_url = redis_url
        self.queue_size = queue_size
        self.subscribers: dict[str, set[Subscriber]] = defaultdict(set)
        self.connected = asyncio.Event()
        # Subscriptions of this process load each changed object once per scope (see changed_objects).
        self.loads = SharedLoads()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> EventHub:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="melihub-event-hub")
        return self

    async def aclose(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None

    @asynccontextmanager
    async def subscribe(
        self, tenant_id: uuid.UUID | str, types: set[str], accounts: set[str] | None = None
    ) -> AsyncIterator[Subscriber]:
        subscriber = Subscriber(
            str(tenant_id), frozenset(types), frozenset(accounts) if accounts else None, self.queue_size
        )
        self.subscribers[subscriber.tenant_id].add(subscriber)
        try:
            yield subscriber
        finally:
            self.subscribers[subscriber.tenant_id].discard(subscriber)
            if not self.subscribers[subscriber.tenant_id]:
                del self.subscribers[subscriber.tenant_id]

    def dispatch(self, change: Change) -> None:
        for subscriber in list(self.subscribers.get(change.tenant_id, ())):
            if not subscriber.dropped and subscriber.wants(change):
                subscriber.offer(change)

    async def _run(self) -> None:
        failures = 0
        while True:
            client = Redis.from_url(self.redis_url, socket_connect_timeout=2, health_check_interval=10)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
                    self.connected.set()
                    failures = 0
                    async for message in pubsub.listen():
                        if message.get("type") == "pmessage":
                            change = Change.decode(message["data"])
                            if change is not None:
                                self.dispatch(change)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Redis restarts: reconnect, keep subscribers
                self.connected.clear()
                delay = RECONNECT_DELAYS_S[min(failures, len(RECONNECT_DELAYS_S) - 1)]
                failures += 1
                log.warning("hub.disconnected", error=type(exc).__name__, retry_in_s=delay)
                await asyncio.sleep(delay)
            finally:
                await client.aclose()
