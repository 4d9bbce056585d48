"""One load per published change and per process, shared by the subscribers that would load the same thing.

The hub hands the same ``Change`` instance to every subscriber of a process. With 2,000 sockets on one tenant,
loading the changed object once per subscriber is 2,000 identical transactions per change; a load shared by
every subscriber of one scope (what the load's result depends on) is one.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from melihub.realtime.bus import Change

T = TypeVar("T")
DEFAULT_SIZE = 512


class SharedLoads:
    """Results keyed by the change *instance* (held, so its id is never reused while the entry lives) and a
    scope: two publications of one object never share a load, even when both lack a version, and a failed
    load is forgotten so that the next subscriber tries again."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, Hashable], tuple[Change, asyncio.Future[Any]]] = OrderedDict()

    async def get(self, change: Change, scope: Hashable, fetch: Callable[[], Awaitable[T]]) -> T:
        slot = (id(change), scope)
        entry = self._entries.get(slot)
        if entry is None or entry[0] is not change:
            future: asyncio.Future[T] = asyncio.ensure_future(fetch())
            future.add_done_callback(lambda done: self._forget_failed(slot, done))
            self._entries[slot] = entry = (change, future)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        # Shielded: a subscriber leaving mid-load does not cancel the load the others wait for.
        result: T = await asyncio.shield(entry[1])
        return result

    def _forget_failed(self, slot: tuple[int, Hashable], done: asyncio.Future[Any]) -> None:
        if done.cancelled() or done.exception() is not None:
            entry = self._entries.get(slot)
            if entry is not None and entry[1] is done:
                del self._entries[slot]

    def __len__(self) -> int:
        return len(self._entries)
