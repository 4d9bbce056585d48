"""The long-lived dependencies of a process (API or worker), created once and passed explicitly."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import asyncpg
from arq.connections import ArqRedis
from redis.asyncio import ConnectionPool

from melihub.config import Settings
from melihub.db.engine import Database
from melihub.security.keyring import KeyRing

if TYPE_CHECKING:  # typing only: these packages import this module for ``Services``
    from melihub.connections.models import MeliAccount
    from melihub.connections.notes import AccountNotes
    from melihub.events.queue import ResourceQueue
    from melihub.meli.client import MeliClient
    from melihub.meli.connector import MeliConnector
    from melihub.realtime.hub import EventHub

# The arq queue every process enqueues on and every worker reads (the Redis client's default).
QUEUE_NAME = "melihub:queue"

# A Redis outage must delay work, never hang a request: fail fast and let the sweeper catch up.
REDIS_CONNECT_TIMEOUT_S = 1.0
REDIS_COMMAND_TIMEOUT_S = 2.0


def freeze_startup_heap(*, collect_first: bool = True) -> None:
    """Exclude everything built at startup from future garbage collections.

    The imported schema, models and libraries are ~160k long-lived objects; each full collection
    walked them all (≈100 ms, seen as the webhook's p99). Frozen, a collection sees only new objects.
    ``collect_first`` keeps start-up garbage out of the frozen set; a test process, which starts an app
    hundreds of times and thaws it after each, skips that full collection (≈ 0.15-0.3 s a start).
    """
    if collect_first:
        gc.collect()
    gc.freeze()


def redis_client(url: str) -> ArqRedis:
    """Redis for cache, pub/sub and the job queue (ArqRedis is a Redis client that can enqueue)."""
    pool = ConnectionPool.from_url(
        url,
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S,
        socket_timeout=REDIS_COMMAND_TIMEOUT_S,
        health_check_interval=30,
    )
    return ArqRedis(connection_pool=pool, default_queue_name=QUEUE_NAME)


@dataclass
class Services:
    settings: Settings
    db: Database
    redis: ArqRedis
    redis_url: str
    keyring: KeyRing
    # The hot-path pool (webhook ingest): plain asyncpg, one round trip per notification.
    pg: asyncpg.Pool | None = None
    # Created once at start-up by the processes that need them (``install_meli``, the API lifespan).
    meli: MeliClient | None = None
    connector_factory: Callable[[MeliAccount], MeliConnector] | None = None
    account_notes: AccountNotes | None = None
    hub: EventHub | None = None  # API only: one Redis subscription fanned out to GraphQL subscribers
    resource_queue: ResourceQueue | None = None  # API only: the webhook's batched enqueue + publish
    # Called once an account is linked (relinked: True when it was linked before): the sync starts there.
    account_linked: Callable[[MeliAccount, bool], Awaitable[object]] | None = None

    @classmethod
    def create(cls, settings: Settings, database_url: str, redis_url: str) -> Services:
        return cls(
            settings=settings,
            db=Database(database_url, pool_size=settings.db_pool_size),
            redis=redis_client(redis_url),
            redis_url=redis_url,
            keyring=KeyRing.from_specs(settings.token_keys),
        )

    async def start(self) -> Services:
        if self.pg is None:
            self.pg = await asyncpg.create_pool(
                self.db.url,
                min_size=1,
                max_size=self.settings.db_pool_size,
                command_timeout=10,
                reset=_stateless_reset,
            )
        return self

    async def close(self) -> None:
        # The reverse of start-up (client, hub, queue), so nothing closes under a part still using it.
        if self.resource_queue is not None:
            await self.resource_queue.aclose()
            self.resource_queue = None
        if self.hub is not None:
            await self.hub.aclose()
            self.hub = None
        if self.meli is not None:
            await self.meli.aclose()
            self.meli = None
        self.connector_factory = None
        self.account_notes = None
        if self.pg is not None:
            try:
                await asyncio.wait_for(self.pg.close(), timeout=2)
            except TimeoutError:
                self.pg.terminate()  # a connection stuck in a request must not hold shutdown forever
            self.pg = None
        await self.redis.aclose()
        await self.db.dispose()


async def _stateless_reset(_connection: asyncpg.Connection) -> None:
    """This pool only runs self-contained statements (the ingest function, health pings) and never
    sets session state, so asyncpg's server-side RESET ALL on every release is a wasted round trip
    on the webhook's hot path."""


def work_deadline(services: Services, margin_s: float = 5.0) -> float:
    """When a long job should stop (monotonic seconds), safely inside the worker's job timeout."""
    return time.monotonic() + max(services.settings.worker_job_timeout_s - margin_s, 1.0)
