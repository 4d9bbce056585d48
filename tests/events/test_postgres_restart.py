"""PostgreSQL restarts while notifications flow: nothing is lost, no process needs a restart.

While the database is away the webhook answers 503, so Mercado Livre (the sandbox) delivers again;
the API's pools and the worker reconnect by themselves; afterwards the database equals the sandbox's
ground truth and every inbox row is processed or ignored.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import asyncpg
import httpx
import pytest

from melihub.accounts.service import create_tenant
from melihub.app import create_app
from melihub.config import Settings
from melihub.db.engine import Database, app_url_for, with_database
from melihub.db.migrate import migrate
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import PostgresServer, free_port, start_private_postgres, start_private_redis
from tests.conftest import OWNER_PASSWORD
from tests.events.convergence import (
    assert_matches_ground_truth,
    fault_run,
    link_all_sellers,
    notify_everything,
    settle,
    start_worker,
)

pytestmark = pytest.mark.slow
OUTAGE_S = 6


async def _migrated_database(postgres: PostgresServer, settings: Settings) -> str:
    connection = await asyncpg.connect(postgres.url)
    try:
        await connection.execute('CREATE DATABASE "melihub"')
    finally:
        await connection.close()
    admin = with_database(postgres.url, "melihub")
    await asyncio.to_thread(migrate, admin, settings)
    return admin


async def test_postgres_restart_loses_nothing(settings: Settings) -> None:
    from melihub.sandbox.testing import running_sandbox

    postgres = start_private_postgres("restart")
    redis_server = start_private_redis("pg-restart")
    admin = await _migrated_database(postgres, settings)
    db = Database(app_url_for(settings, admin))
    tenant, _ = await create_tenant(
        db, name="Loja Aurora", owner_email="ana@aurora.example", owner_password=OWNER_PASSWORD, slug="aurora"
    )
    worker = None
    # Retries spread over ~36 s (ML's hour, scaled): longer than the outage, so none becomes a missed feed.
    with running_sandbox(generate=80, seed=3, time_scale=0.01) as sandbox:
        port = free_port()
        run = fault_run(settings, database_url=admin, redis_url=redis_server.url, port=port, sandbox_url=sandbox.url)
        base, env = run.base, run.worker_env
        try:
            with serve_in_thread(create_app(settings=run.api_settings), port=port):
                sandbox.configure(callback_url=f"{base}/webhooks/meli")
                world = sandbox.export()
                link_all_sellers(base, sandbox, [(uid, user["site_id"]) for uid, user in world["users"].items()])
                worker = start_worker(env)
                await notify_everything(sandbox, world, minimum=150)
                sandbox.simulate(events=600, seed=5)
                await asyncio.sleep(1)
                postgres.stop()
                async with httpx.AsyncClient(base_url=base) as http:
                    during = await http.post(
                        "/webhooks/meli",
                        json={"_id": "x", "topic": "items", "resource": "/items/MLB1", "user_id": 1, "attempts": 1},
                    )
                await asyncio.sleep(OUTAGE_S)
                postgres.start()
                await settle(SimpleNamespace(db=db), tenant.id, sandbox, worker)
                truth = sandbox.export()
                delivered = sandbox.stats()["notifications"]
                async with httpx.AsyncClient(base_url=base) as http:
                    ready = await http.get("/readyz")
                worker_alive = worker.poll() is None
        finally:
            if worker is not None:
                worker.kill()
            redis_server.stop()
    try:
        assert during.status_code == 503 and during.headers["retry-after"] == "5"
        assert delivered["attempts"] > delivered["sent"], delivered  # the outage made the sender retry
        assert delivered["acknowledged"] == delivered["sent"], delivered
        assert ready.status_code == 200 and worker_alive
        await assert_matches_ground_truth(SimpleNamespace(db=db), tenant.id, truth)
    finally:
        await db.dispose()
        postgres.stop()
