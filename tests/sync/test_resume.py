"""Acceptance: a worker killed in the middle of a backfill; the next one finishes it from the checkpoints,
asking Mercado Livre for no window that was already done, and the database equals the sandbox."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest
from sqlalchemy import text

from melihub.app import create_app
from melihub.sandbox.world import parse_time
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port
from tests.events.convergence import fault_run, link_all_sellers, start_worker
from tests.sync.equality import assert_database_equals_export
from tests.sync.world import generated, sellers_of

pytestmark = pytest.mark.slow
_TICK = timedelta(milliseconds=1)
RATE = "120"  # requests per second: slow enough to kill the worker in the middle of the run
SYNC_ENV = {
    "MELIHUB_SYNC_BACKFILL_DAYS": "120",
    "MELIHUB_MELI_APP_RATE_PER_S": RATE,
    "MELIHUB_MELI_SELLER_RATE_PER_S": RATE,
    "MELIHUB_SYNC_ORDER_WINDOW_DAYS": "10",
    "MELIHUB_SYNC_MESSAGES_DAYS": "3",  # messaging has its own low budget (8.3 req/s): fewer threads, a shorter test
}


async def _checkpoints(services, tenant_id) -> list[tuple[Any, ...]]:
    async with services.db.tenant(tenant_id) as session:
        rows = await session.exec(
            text("SELECT resource, key, status, window_from, window_to, state FROM sync_checkpoints")
        )
        return [tuple(row) for row in rows.all()]


async def _statuses(services, tenant_id) -> list[str]:
    async with services.db.tenant(tenant_id) as session:
        return [row[0] for row in (await session.exec(text("SELECT status FROM sync_runs"))).all()]


async def _wait(condition, timeout_s: float, what: str, services=None, tenant_id=None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.5)
    runs = await _runs(services, tenant_id) if services else []
    raise AssertionError(f"timed out waiting for {what}: {runs}")


async def _runs(services, tenant_id) -> list[tuple[Any, ...]]:
    async with services.db.tenant(tenant_id) as session:
        rows = await session.exec(text("SELECT status, reason, heartbeat_at, progress, requests FROM sync_runs"))
        return [tuple(row) for row in rows.all()]


def _asked_windows(calls: list[dict[str, Any]]) -> set[tuple[Any, Any, str]]:
    asked = set()
    for call in calls:
        if call["path"] != "/orders/search":
            continue
        query = {k: v[0] for k, v in parse_qs(call.get("query", "")).items()}
        stream = "cancelled" if query.get("order.status") == "cancelled" else "all"
        asked.add(
            (parse_time(query.get("order.date_created.from")), parse_time(query.get("order.date_created.to")), stream)
        )
    return asked


async def test_a_killed_backfill_resumes_without_asking_finished_windows_again(
    services, settings, database_factory, db_name, tenant_a, clean_redis
) -> None:
    from melihub.sandbox.testing import running_sandbox

    tenant = tenant_a[0]
    with running_sandbox(world=generated(1800, seed=12)) as sandbox:
        run = fault_run(
            settings,
            database_url=database_factory.admin_url_of(db_name),
            redis_url=clean_redis,
            port=free_port(),
            sandbox_url=sandbox.url,
        )
        env = {**run.worker_env, **SYNC_ENV}
        api = run.api_settings.model_copy(update={"sync_backfill_days": 120})
        with serve_in_thread(create_app(settings=api), port=run.port):
            link_all_sellers(run.base, sandbox, [(str(s), site) for s, site in sellers_of(sandbox.export())])
            first = start_worker(env)
            try:
                await _wait(lambda: _some_windows_done(services, tenant.id), 60, "the first finished windows")
                first.send_signal(signal.SIGKILL)
                first.wait()
                killed_at = time.time()
                before = await _checkpoints(services, tenant.id)
                second = start_worker(env)
                try:
                    done = lambda: _all_succeeded(services, tenant.id)  # noqa: E731
                    await _wait(done, 150, "every run to succeed", services, tenant.id)
                finally:
                    second.send_signal(signal.SIGTERM)
                    _reap(second)
            finally:
                _reap(first)
            truth = sandbox.export()
            after_kill = sandbox.calls(since=killed_at)
    finished = {
        (row[3], row[4] - _TICK, row[5]["stream"])
        for row in before
        if row[0] == "orders" and row[2] == "done" and not row[5].get("split")
    }
    assert finished, before
    again = finished & _asked_windows(after_kill)
    assert not again, sorted(again)[:3]
    assert any(call["path"] == "/orders/search" for call in after_kill)  # the second worker did finish work
    await assert_database_equals_export(services, tenant.id, truth, {s for s, _ in sellers_of(truth)})


async def _some_windows_done(services, tenant_id) -> bool:
    rows = await _checkpoints(services, tenant_id)
    done = [r for r in rows if r[0] == "orders" and r[2] == "done" and not r[5].get("split")]
    pending = [r for r in rows if r[2] == "pending"]
    return len(done) >= 3 and len(pending) >= 3


async def _all_succeeded(services, tenant_id) -> bool:
    statuses = await _statuses(services, tenant_id)
    return bool(statuses) and set(statuses) == {"succeeded"}


def _reap(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
