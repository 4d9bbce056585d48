"""bench/kpis: the ``kpis`` report at a million orders, the rebuild, and the upkeep per order change.

Seeds one tenant with 5 accounts and 1,000,000 orders over 12 months (``world.seed_orders``, rollups built
by the rebuild service, timed), then asks the real GraphQL endpoint (the app in-process, over ASGI, a
signed-in owner) for 30 days by DAY and for 12 months by MONTH, sequentially; then changes orders one at a
time (a status flip in a transaction) and times ``kpis.upkeep`` for each. Needs DATABASE_URL (admin) and
REDIS_URL, or the embedded servers (MELIHUB_DATA_DIR, default .melihub/bench). Never a timed test.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.common import bench_redis_url, fresh_database
from bench.kpis.world import SeededOrders, seed_orders

from melihub.app import create_app
from melihub.config import Settings
from melihub.db.engine import Database, app_url_for, plain_url, with_database
from melihub.kpis.sql import run
from melihub.kpis.upkeep import ORDER, Touched, refresh
from melihub.observability import configure_logging
from melihub.stores import resolve_stores

ORDERS = int(os.environ.get("BENCH_KPIS_ORDERS", "1000000"))
REQUESTS = int(os.environ.get("BENCH_KPIS_REQUESTS", "100"))
ALL_GROUPS_REQUESTS = int(os.environ.get("BENCH_KPIS_ALL_GROUPS_REQUESTS", "20"))
CHANGES = int(os.environ.get("BENCH_KPIS_CHANGES", "500"))
WARMUP = 5
DATABASE = "melihub_bench_kpis"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
KPIS = """query($range: KpiRange!, $granularity: KpiGranularity!, $groups: [KpiGroup!]) {
  kpis(range: $range, granularity: $granularity, compareTo: PREVIOUS_PERIOD) {
    currencies metrics(groups: $groups) { key currency total previous series { start value previous } }
  }
}"""
FLIP = """
UPDATE orders SET status = CASE WHEN status = 'cancelled' THEN 'paid' ELSE 'cancelled' END
WHERE id = CAST(:id AS uuid)
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def time_report(http: httpx.AsyncClient, variables: dict[str, Any], requests: int) -> list[float]:
    latencies = []
    for attempt in range(WARMUP + requests):
        started = time.perf_counter()
        body = (await http.post("/graphql", json={"query": KPIS, "variables": variables})).json()
        elapsed = (time.perf_counter() - started) * 1000
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        if attempt >= WARMUP:
            latencies.append(elapsed)
    return latencies


async def reports(settings: Settings, seeded: SeededOrders) -> list[tuple[str, list[float]]]:
    app = create_app(settings=settings)
    today = seeded.now.astimezone(ZoneInfo("America/Sao_Paulo")).date()
    month_start = (
        date(today.year - 1, today.month, 1) if today.month == 12 else date(today.year - 1, today.month + 1, 1)
    )
    cases = [
        ("30 days by DAY, all groups", {"from": str(today - timedelta(days=29)), "to": str(today)}, "DAY", None),
        (
            "30 days by DAY, sales+service+logistics",
            {"from": str(today - timedelta(days=29)), "to": str(today)},
            "DAY",
            ["SALES", "SERVICE", "LOGISTICS"],
        ),
        ("12 months by MONTH, all groups", {"from": str(month_start), "to": str(today)}, "MONTH", None),
        (
            "12 months by MONTH, sales+service+logistics",
            {"from": str(month_start), "to": str(today)},
            "MONTH",
            ["SALES", "SERVICE", "LOGISTICS"],
        ),
    ]
    found = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench.test", timeout=60) as http:
            login = await http.post(
                "/graphql", json={"query": LOGIN, "variables": {"e": seeded.email, "p": seeded.password}}
            )
            assert not login.json()["data"]["login"]["errors"], login.text
            for label, range_, granularity, groups in cases:
                variables = {"range": range_, "granularity": granularity, "groups": groups}
                # Every group includes the stock and funnel readers: fewer requests (they are slow).
                requests = REQUESTS if groups else ALL_GROUPS_REQUESTS
                found.append((label, await time_report(http, variables, requests)))
    return found


async def upkeep(settings: Settings, admin_url: str, seeded: SeededOrders) -> tuple[list[float], list[float]]:
    """Per change: the upkeep alone, and the whole transaction (flip, upkeep, commit)."""
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    rng = random.Random(15)
    upkeep_ms, transaction_ms = [], []
    try:
        async with db.tenant(seeded.tenant_id) as session:
            ids = [row[0] for row in await run(session, "SELECT id FROM orders TABLESAMPLE SYSTEM (1) LIMIT 5000")]
        for attempt in range(CHANGES + WARMUP):
            order_id = rng.choice(ids)
            began = time.perf_counter()
            async with db.tenant(seeded.tenant_id) as session:
                await run(session, FLIP, id=order_id)
                started = time.perf_counter()
                await refresh(session, seeded.tenant_id, Touched({ORDER: [order_id]}))
                done = time.perf_counter()
            if attempt >= WARMUP:
                upkeep_ms.append((done - started) * 1000)
                transaction_ms.append((time.perf_counter() - began) * 1000)
    finally:
        await db.dispose()
    return upkeep_ms, transaction_ms


async def reuse(admin_url: str) -> SeededOrders:
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        tenant = await conn.fetchval("SELECT id FROM tenants WHERE name = 'Bench KPIs'")
        accounts = [row[0] for row in await conn.fetch("SELECT id FROM meli_accounts WHERE tenant_id = $1", tenant)]
        orders, newest = await conn.fetchrow("SELECT count(*), max(synced_at) FROM orders WHERE tenant_id = $1", tenant)
    finally:
        await conn.close()
    return SeededOrders(tenant, accounts, orders, newest, 0.0, 0.0)


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    configure_logging(os.environ.get("BENCH_LOG_LEVEL", "WARNING"), json=True)
    urls = resolve_stores(settings, keep_embedded_running=True)
    if os.environ.get("BENCH_KPIS_REUSE"):  # the database a previous run seeded (seeding 1M takes minutes)
        admin_url = with_database(urls.admin_database_url, DATABASE)
        seeded = asyncio.run(reuse(admin_url))
    else:
        admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, DATABASE))
        seeded = asyncio.run(seed_orders(admin_url, orders=ORDERS, settings=settings))
    print(f"orders={seeded.orders} over {len(seeded.account_ids)} accounts, 12 months, 1 tenant")
    print(
        f"seeded (SQL) in {seeded.seed_seconds:.1f} s; rebuild (kpis rebuild service) in {seeded.rebuild_seconds:.1f} s"
    )
    live = settings.model_copy(
        update={
            "database_url": admin_url,
            "redis_url": bench_redis_url(urls.redis_url),
            "graphql_bucket_capacity": 10**9,
            "graphql_bucket_restore_per_s": 10.0**9,
        }
    )
    for label, latencies in asyncio.run(reports(live, seeded)):
        print(
            f"kpis {label:<44} p50 {statistics.median(latencies):6.1f} ms  p95 {percentile(latencies, 0.95):6.1f} ms"
            f"  ({len(latencies)} sequential requests, compareTo PREVIOUS_PERIOD)"
        )
    upkeep_ms, transaction_ms = asyncio.run(upkeep(settings, admin_url, seeded))
    print(
        f"upkeep per order change: median {statistics.median(upkeep_ms):.2f} ms, "
        f"p99 {percentile(upkeep_ms, 0.99):.2f} ms"
        f" (whole transaction: median {statistics.median(transaction_ms):.2f} ms, "
        f"p99 {percentile(transaction_ms, 0.99):.2f} ms; {len(upkeep_ms)} changes)"
    )
    print("targets: 30 days by DAY p95 < 200 ms; 12 months by MONTH p95 < 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
