"""Chaos: thousands of notifications while the worker is SIGKILLed twice and Redis restarts once.

After recovery the database equals the sandbox's ground truth, every inbox row is processed or
ignored, and nothing was applied twice.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess

import pytest

from melihub.app import create_app
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port, start_private_redis
from tests.events.convergence import (
    assert_matches_ground_truth,
    fault_run,
    link_all_sellers,
    notify_everything,
    settle,
    start_worker,
)

pytestmark = pytest.mark.slow


async def test_chaos_converges_to_ground_truth(services, settings, database_factory, db_name, tenant_a) -> None:
    from melihub.sandbox.testing import running_sandbox

    redis_server = start_private_redis("chaos")
    workers: list[subprocess.Popen[bytes]] = []
    with running_sandbox(generate=260, seed=7, time_scale=0.002) as sandbox:
        run = fault_run(
            settings,
            database_url=database_factory.admin_url_of(db_name),
            redis_url=redis_server.url,
            port=free_port(),
            sandbox_url=sandbox.url,
        )
        base, env = run.base, run.worker_env
        with serve_in_thread(create_app(settings=run.api_settings), port=run.port):
            sandbox.configure(callback_url=f"{base}/webhooks/meli")
            world = sandbox.export()
            sellers = [(uid, user["site_id"]) for uid, user in world["users"].items()]
            link_all_sellers(base, sandbox, sellers)
            try:
                workers.append(start_worker(env))
                await notify_everything(sandbox, world)
                summary = sandbox.simulate(events=2600, seed=11)
                await asyncio.sleep(4)
                workers[-1].send_signal(signal.SIGKILL)
                workers.append(start_worker(env))
                await asyncio.sleep(4)
                redis_server.restart()
                await asyncio.sleep(4)
                workers[-1].send_signal(signal.SIGKILL)
                workers.append(start_worker(env))
                await settle(services, tenant_a[0].id, sandbox, workers[-1])
                truth = sandbox.export()
                delivered = sandbox.stats()["notifications"]
            finally:
                for worker in workers:
                    worker.kill()
                redis_server.stop()
    assert delivered["sent"] >= 2000 and summary["notifications"] > 0, (summary, delivered)
    assert delivered["acknowledged"] == delivered["sent"], delivered  # melihub answered every one with 200
    await assert_matches_ground_truth(services, tenant_a[0].id, truth)
