"""A worker that starts while PostgreSQL is down waits for it instead of exiting (found by the restart test)."""

from __future__ import annotations

import asyncio

from melihub.config import Settings
from melihub.runtime import Services
from melihub.testing.stores import start_private_postgres
from melihub_workers.settings import _started


async def test_a_worker_started_during_an_outage_connects_once_postgresql_is_back(
    settings: Settings, redis_url: str
) -> None:
    postgres = start_private_postgres("worker-start")
    services = Services.create(settings, postgres.url, redis_url)
    try:
        postgres.stop()
        starting = asyncio.create_task(_started(services))
        await asyncio.sleep(2)
        assert not starting.done(), "the worker gave up while the database was down"
        postgres.start()
        started = await asyncio.wait_for(starting, timeout=30)
        assert started.pg is not None
        assert await started.pg.fetchval("SELECT 1") == 1
    finally:
        await services.close()
        postgres.stop()
