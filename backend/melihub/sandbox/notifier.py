"""Notification sender: POSTs ML's notification body to the callback, retries, then missed_feeds.

ML retries an unanswered notification with growing intervals for about an hour and drops it after
the 8th failed attempt (reference §3.4); ``time_scale`` multiplies every delay so tests are fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from typing import Any

import httpx
import structlog

from melihub.sandbox.core import SandboxConfig, Stats
from melihub.sandbox.world import World, iso_z

log = structlog.get_logger("melihub.sandbox.notifier")

# Delays before attempts 2..8 (seconds, before time_scale): about one hour in total.
RETRY_DELAYS_S = (10.0, 30.0, 60.0, 180.0, 420.0, 900.0, 2000.0)
HEADERS = {"accept": "application/json", "content-type": "application/json"}


class Notifier:
    """Queue + bounded-concurrency delivery; start/stop it from the app's lifespan."""

    def __init__(self, world: World, config: SandboxConfig, stats: Stats) -> None:
        self.world, self.config, self.stats = world, config, stats
        self._queue: asyncio.Queue[dict[str, Any]] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._dispatcher: asyncio.Task[None] | None = None
        self._http: httpx.AsyncClient | None = None
        self._slots: asyncio.Semaphore | None = None

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._slots = asyncio.Semaphore(self.config.concurrency)
        limits = httpx.Limits(
            max_connections=self.config.concurrency, max_keepalive_connections=self.config.concurrency
        )
        self._http = httpx.AsyncClient(limits=limits, headers=HEADERS)
        self._dispatcher = asyncio.create_task(self._dispatch(), name="sandbox-notifier")

    async def stop(self) -> None:
        tasks = [*self._tasks, *([self._dispatcher] if self._dispatcher else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._http is not None:
            await self._http.aclose()

    def notify(
        self, user_id: int, topic: str, resource: str, actions: list[str] | None = None
    ) -> dict[str, Any] | None:
        """Queue one notification; ``None`` (nothing sent) while no callback URL is configured."""
        if not self.config.callback_url or self._queue is None:
            return None
        now = iso_z()
        note: dict[str, Any] = {
            "_id": str(uuid.uuid4()),
            "topic": topic,
            "resource": resource,
            "user_id": int(user_id),
            "application_id": self.world.app_id,
            "sent": now,
            "attempts": 1,
            "received": now,
        }
        if actions:
            note["actions"] = list(actions)
        self.stats.notifications["sent"] += 1
        self._queue.put_nowait(note)
        return note

    async def _dispatch(self) -> None:
        assert self._queue is not None
        while True:
            note = await self._queue.get()
            task = asyncio.create_task(self._deliver(note))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _deliver(self, note: dict[str, Any]) -> None:
        attempt = 1
        while True:
            ok, response = await self._attempt(note, attempt)
            if ok:
                self.stats.notifications["acknowledged"] += 1
                return
            if attempt >= self.config.max_attempts:
                self._give_up(note, attempt, response)
                return
            delay = RETRY_DELAYS_S[min(attempt - 1, len(RETRY_DELAYS_S) - 1)]
            await asyncio.sleep(delay * self.config.time_scale)
            attempt += 1

    async def _attempt(self, note: dict[str, Any], attempt: int) -> tuple[bool, dict[str, Any]]:
        assert self._slots is not None and self._http is not None
        url = self.config.callback_url
        body = {**note, "attempts": attempt, "sent": iso_z()}
        started = time.monotonic()
        async with self._slots:
            self.stats.notifications["attempts"] += 1
            try:
                if not url:
                    raise httpx.InvalidURL("no callback URL")
                answer = await self._http.post(url, json=body, timeout=self.config.delivery_timeout_s)
                status: int | None = answer.status_code
            except httpx.HTTPError as exc:
                log.debug("sandbox.notify.failed", topic=note["topic"], attempt=attempt, failure=type(exc).__name__)
                status = None
        took = round((time.monotonic() - started) * 1000)
        return status == 200, {"url": url, "data": body, "req_time": took, "http_code": status}

    def _give_up(self, note: dict[str, Any], attempts: int, last: dict[str, Any]) -> None:
        self.stats.notifications["missed"] += 1
        data = last["data"]
        missed = {
            **data,
            "attempts": attempts,
            "request": {"url": last["url"], "headers": dict(HEADERS), "data": data},
            "response": {"req_time": last["req_time"], "http_code": last["http_code"], "headers": None, "data": None},
        }
        self.world.missed.append(missed)

    def missed_page(self, app_id: str | None, topic: str | None, offset: int, limit: int) -> dict[str, Any]:
        messages = [
            m
            for m in self.world.missed
            if (not app_id or str(m.get("application_id")) == str(app_id)) and (not topic or m.get("topic") == topic)
        ]
        return {"messages": messages[offset : offset + limit], "total": len(messages), "offset": offset, "limit": limit}
