"""Chaos: thousands of notifications while the worker is SIGKILLed twice and Redis restarts once.

After recovery the database equals the sandbox's ground truth, every inbox row is processed or
ignored, and nothing was applied twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from melihub.app import create_app
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port, start_private_redis
from tests.conftest import OWNER_PASSWORD

pytestmark = pytest.mark.slow
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
SETTLE_TIMEOUT_S = 150


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = open(os.environ.get("CHAOS_WORKER_LOG", os.devnull), "ab")  # noqa: SIM115 - the process owns it
    return subprocess.Popen(
        [sys.executable, "-m", "melihub", "worker"], env={**os.environ, **env}, stdout=log, stderr=log
    )


def _link_all(base: str, sandbox: Any, sellers: list[tuple[str, str]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        http.post("/graphql", json={"query": LOGIN, "variables": {"e": "ana@aurora.example", "p": OWNER_PASSWORD}})
        for seller, site in sellers:
            start = http.get("/oauth/meli/start", params={"site": site})
            approved = httpx.get(f"{start.headers['location']}&user_id={seller}")
            callback = urlsplit(approved.headers["location"])
            assert http.get(f"{callback.path}?{callback.query}").status_code == 200, seller


async def _pending(services, tenant_id) -> int:
    async with services.db.tenant(tenant_id) as session:
        row = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT count(*) FROM integration_events "
                    "WHERE source = 'meli' AND status NOT IN ('processed', 'ignored')"
                )
            )
        ).one()
    return int(row[0])


async def _settle(services, tenant_id, sandbox) -> None:
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while time.monotonic() < deadline:
        notes = sandbox.stats()["notifications"]
        delivered = notes["acknowledged"] + notes["missed"] >= notes["sent"]
        if delivered and await _pending(services, tenant_id) == 0:
            await asyncio.sleep(2)
            if await _pending(services, tenant_id) == 0:
                return
        await asyncio.sleep(1)
    raise AssertionError(f"not settled: {await _pending_breakdown(services, tenant_id)}, sandbox {notes}")


async def _pending_breakdown(services, tenant_id) -> list[tuple[Any, ...]]:
    """What is still open, grouped, so a failure says why."""
    async with services.db.tenant(tenant_id) as session:
        rows = await session.exec(
            text(  # type: ignore[call-overload]
                "SELECT status, topic, attempts, left(coalesce(last_error, ''), 160), count(*), "
                "min(next_attempt_at) FROM integration_events WHERE status NOT IN ('processed', 'ignored') "
                "GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC LIMIT 12"
            )
        )
        return [tuple(row) for row in rows.all()]


async def test_chaos_converges_to_ground_truth(services, settings, database_factory, db_name, tenant_a) -> None:
    from melihub.sandbox.testing import running_sandbox

    redis_server = start_private_redis("chaos")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "DATABASE_URL": database_factory.admin_url_of(db_name),
        "REDIS_URL": redis_server.url,
        "MELIHUB_PUBLIC_URL": base,
        "MELIHUB_MELI_APP_RATE_PER_S": "2000",
        "MELIHUB_MELI_SELLER_RATE_PER_S": "2000",
        "MELIHUB_WORKER_JOB_TIMEOUT_S": "10",
        "MELIHUB_EVENT_RETRY_DELAYS_S": "1,2,3",
        "MELIHUB_LOG_LEVEL": "WARNING",
        "MELIHUB_EVENT_SWEEP_GRACE_S": "2",
    }
    workers: list[subprocess.Popen[bytes]] = []
    with running_sandbox(generate=260, seed=7, time_scale=0.002) as sandbox:
        env |= {"MELIHUB_MELI_API_URL": sandbox.url, "MELIHUB_MELI_AUTH_URL": sandbox.url}
        live = settings.model_copy(
            update={
                "database_url": env["DATABASE_URL"],
                "redis_url": redis_server.url,
                "public_url": base,
                "meli_api_url": sandbox.url,
                "meli_auth_url": sandbox.url,
                "meli_app_rate_per_s": 2000.0,
                "meli_seller_rate_per_s": 2000.0,
            }
        )
        with serve_in_thread(create_app(settings=live), port=port):
            sandbox.configure(callback_url=f"{base}/webhooks/meli")
            world = sandbox.export()
            sellers = [(uid, user["site_id"]) for uid, user in world["users"].items()]
            _link_all(base, sandbox, sellers)
            try:
                workers.append(_worker(env))
                await _notify_everything(sandbox, world)
                summary = sandbox.simulate(events=2600, seed=11)
                await asyncio.sleep(4)
                workers[-1].send_signal(signal.SIGKILL)
                workers.append(_worker(env))
                await asyncio.sleep(4)
                redis_server.restart()
                await asyncio.sleep(4)
                workers[-1].send_signal(signal.SIGKILL)
                workers.append(_worker(env))
                await _settle(services, tenant_a[0].id, sandbox)
                truth = sandbox.export()
                delivered = sandbox.stats()["notifications"]
            finally:
                for worker in workers:
                    worker.kill()
                redis_server.stop()
    assert delivered["sent"] >= 2000 and summary["notifications"] > 0, (summary, delivered)
    assert delivered["acknowledged"] == delivered["sent"], delivered  # melihub answered every one with 200
    await _assert_matches_ground_truth(services, tenant_a[0].id, truth)


async def _notify_everything(sandbox: Any, world: dict[str, Any]) -> None:
    count = 0
    for kind, topic in (
        ("orders", "orders_v2"),
        ("items", "items"),
        ("shipments", "shipments"),
        ("questions", "questions"),
    ):
        for resource_id, raw in world.get(kind, {}).items():
            seller = (
                raw.get("seller", {}).get("id")
                if kind == "orders"
                else (raw.get("seller_id") or (raw.get("origin") or {}).get("sender_id") or raw.get("sender_id"))
            )
            if seller:
                sandbox.notify(int(seller), topic, f"/{kind}/{resource_id}")
                count += 1
    assert count >= 500, count


async def _assert_matches_ground_truth(services, tenant_id, truth: dict[str, Any]) -> None:
    async with services.db.tenant(tenant_id) as session:
        orders = {
            r[0]: r[1:]
            for r in (
                await session.exec(
                    text(  # type: ignore[call-overload]
                        "SELECT ml_id, status, total_amount, "
                        "(SELECT count(*) FROM order_items i WHERE i.order_id = o.id) "
                        "FROM orders o"
                    )
                )
            ).all()
        }
        items = {
            r[0]: r[1:]
            for r in (
                await session.exec(
                    text(  # type: ignore[call-overload]
                        "SELECT ml_id, status, available_quantity, price FROM items"
                    )
                )
            ).all()
        }
        shipments = {
            r[0]: r[1:]
            for r in (
                await session.exec(
                    text(  # type: ignore[call-overload]
                        "SELECT ml_id, status, substatus FROM shipments"
                    )
                )
            ).all()
        }
        versions = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT count(*), count(DISTINCT key) FROM idempotency_keys"
                )
            )
        ).one()
    assert versions[0] == versions[1]
    for order_id, raw in truth["orders"].items():
        assert orders[int(order_id)] == (raw["status"], Decimal(str(raw["total_amount"])), len(raw["order_items"])), (
            order_id
        )
    for item_id, raw in truth["items"].items():
        assert items[item_id][:2] == (raw["status"], raw["available_quantity"]), item_id
        assert items[item_id][2] == Decimal(str(raw["price"])), item_id
    for shipment_id, raw in truth["shipments"].items():
        if int(shipment_id) in shipments:
            assert shipments[int(shipment_id)] == (raw["status"], raw.get("substatus")), shipment_id
    assert len(shipments) >= len(truth["shipments"]) * 0.9
