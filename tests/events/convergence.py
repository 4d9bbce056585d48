"""Shared by the fault tests: real processes around the sandbox, and the check that melihub converged.

Converged means: the sandbox delivered every notification (or gave up on it), no inbox row is still
open, and the database equals the sandbox's ground truth with one idempotency row per version.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import text

from melihub.config import Settings
from tests.conftest import OWNER_PASSWORD


@dataclass(frozen=True)
class FaultRun:
    port: int
    base: str
    worker_env: dict[str, str]
    api_settings: Settings


def fault_run(settings: Settings, *, database_url: str, redis_url: str, port: int, sandbox_url: str) -> FaultRun:
    """The environment of a worker process and the settings of the in-thread API for a fault test.

    Budgets are raised so the rate limiter is not what is tested; retries and the sweeper are fast.
    """
    base = f"http://127.0.0.1:{port}"
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MELIHUB_PUBLIC_URL": base,
        "MELIHUB_MELI_API_URL": sandbox_url,
        "MELIHUB_MELI_AUTH_URL": sandbox_url,
        "MELIHUB_MELI_APP_RATE_PER_S": "2000",
        "MELIHUB_MELI_SELLER_RATE_PER_S": "2000",
        "MELIHUB_WORKER_JOB_TIMEOUT_S": "10",
        "MELIHUB_EVENT_RETRY_DELAYS_S": "1,2,3",
        "MELIHUB_EVENT_SWEEP_GRACE_S": "2",
        "MELIHUB_LOG_LEVEL": "WARNING",
    }
    api = settings.model_copy(
        update={
            "database_url": database_url,
            "redis_url": redis_url,
            "public_url": base,
            "meli_api_url": sandbox_url,
            "meli_auth_url": sandbox_url,
            "meli_app_rate_per_s": 2000.0,
            "meli_seller_rate_per_s": 2000.0,
        }
    )
    return FaultRun(port=port, base=base, worker_env=env, api_settings=api)


LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
SETTLE_TIMEOUT_S = 150


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``melihub worker`` in a process of its own; its output goes to ``CHAOS_WORKER_LOG`` or a temporary
    file, whose tail a test that does not settle shows (:func:`settle`)."""
    path = os.environ.get("CHAOS_WORKER_LOG") or tempfile.mkstemp(prefix="melihub-worker-", suffix=".log")[1]
    log = open(path, "ab")  # noqa: SIM115 - the process owns it
    process = subprocess.Popen(
        [sys.executable, "-m", "melihub", "worker"], env={**os.environ, **env}, stdout=log, stderr=log
    )
    WORKER_LOGS[process.pid] = path
    return process


WORKER_LOGS: dict[int, str] = {}


def worker_report(worker: subprocess.Popen[bytes] | None, lines: int = 40) -> str:
    if worker is None:
        return ""
    state = "alive" if worker.poll() is None else f"exited {worker.returncode}"
    path = WORKER_LOGS.get(worker.pid)
    tail = Path(path).read_text(errors="replace").splitlines()[-lines:] if path and os.path.exists(path) else []
    return f"; worker {state}, its last log lines:\n" + "\n".join(tail)


def link_all_sellers(base: str, sandbox: Any, sellers: list[tuple[str, str]]) -> None:
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


async def settle(services, tenant_id, sandbox, worker: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while time.monotonic() < deadline:
        notes = sandbox.stats()["notifications"]
        delivered = notes["acknowledged"] + notes["missed"] >= notes["sent"]
        if delivered and await _pending(services, tenant_id) == 0:
            await asyncio.sleep(2)
            if await _pending(services, tenant_id) == 0:
                return
        await asyncio.sleep(1)
    pending = await _pending_breakdown(services, tenant_id)
    raise AssertionError(f"not settled: {pending}, sandbox {notes}{worker_report(worker)}")


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


async def notify_everything(sandbox: Any, world: dict[str, Any], minimum: int = 500) -> None:
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
    assert count >= minimum, count


async def _by_ml_id(session: Any, sql: str) -> dict[Any, tuple[Any, ...]]:
    rows = (await session.exec(text(sql))).all()
    return {row[0]: tuple(row[1:]) for row in rows}


async def assert_matches_ground_truth(services, tenant_id, truth: dict[str, Any]) -> None:
    async with services.db.tenant(tenant_id) as session:
        orders = await _by_ml_id(
            session,
            "SELECT ml_id, status, total_amount, "
            "(SELECT count(*) FROM order_items i WHERE i.order_id = o.id) FROM orders o",
        )
        items = await _by_ml_id(session, "SELECT ml_id, status, available_quantity, price FROM items")
        shipments = await _by_ml_id(session, "SELECT ml_id, status, substatus FROM shipments")
        versions = (await session.exec(text("SELECT count(*), count(DISTINCT key) FROM idempotency_keys"))).one()
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
