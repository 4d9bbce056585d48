"""Every Mercado Livre request of a run: bounded concurrency, retries past the client's, and the run's stop.

The client already waits for the shared rate limiter and retries 429/5xx a few times; a run is long, so
a request that still fails transiently is tried again here (with a longer backoff, and the breaker's
cool-down when it is open) before the unit gives up. Errors that will not heal (404, 403, 400) and a
revoked token go straight to the caller.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from melihub.meli import errors as meli_errors
from melihub.sync.progress import Progress

T = TypeVar("T")
PERMANENT = (meli_errors.NotFound, meli_errors.Forbidden, meli_errors.ValidationError, meli_errors.Conflict)
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


class Stopped(Exception):
    """The run was asked to stop (cancelled, deadline, another unit failed): leave the checkpoint as is."""


class Fetcher:
    """``stop`` aborts requests at once (cancel, failure); ``pause`` (the slice's deadline) lets each unit
    finish the step it is on — units call :meth:`between_steps` where their checkpoint is consistent."""

    def __init__(
        self,
        progress: Progress,
        stop: asyncio.Event,
        *,
        in_flight: int,
        attempts: int,
        pause: asyncio.Event | None = None,
    ) -> None:
        self.progress = progress
        self.stop = stop
        self.pause = pause or asyncio.Event()
        self.attempts = attempts
        self._slots = asyncio.Semaphore(in_flight)

    def check(self) -> None:
        if self.stop.is_set():
            raise Stopped

    def between_steps(self) -> None:
        if self.stop.is_set() or self.pause.is_set():
            raise Stopped

    async def call(self, call: Callable[[], Awaitable[T]]) -> T:
        """``call()`` once, or again after transient failures; counts requests and errors on the run."""
        failures = 0
        while True:
            self.check()
            async with self._slots:
                self.check()
                try:
                    self.progress.requests += 1
                    return await call()
                except (meli_errors.ReauthRequired, *PERMANENT):
                    raise
                except meli_errors.CircuitOpen as exc:
                    # Not a failure of ours: the breaker made no call. Wait out its cool-down.
                    self.progress.requests -= 1
                    wait = min(60.0, max(0.5, (exc.retry_at or 0) - time.time()))
                except (meli_errors.MeliError, TimeoutError, OSError):
                    failures += 1
                    self.progress.errors += 1
                    if failures >= self.attempts:
                        raise
                    wait = BACKOFF_S[min(failures - 1, len(BACKOFF_S) - 1)]
            await self._sleep(wait * random.uniform(0.8, 1.2))

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stop.wait(), timeout=seconds)
        except TimeoutError:
            return
        raise Stopped


async def together(calls: Iterable[Awaitable[T]]) -> list[T]:
    """Run ``calls`` concurrently; the first failure cancels the rest (no orphan keeps fetching)."""
    tasks = [asyncio.ensure_future(call) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
