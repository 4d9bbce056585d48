"""bench/graphql: the dashboard's nested ``orders`` page over 100,000 orders, through a real server.

Seeds one tenant with 3 Mercado Livre accounts and 100,000 orders (``seed.py``), then asks a uvicorn server
of the app on loopback for issue 10's page — ``orders(first: 50)`` with buyer, lines → listing, shipment,
payments and pack orders — sequentially, signed in with a session cookie; the same with ``first: 5``, and
with the listings' variations too. Prints p50/p95/p99 per run and the SQL statements each request sent
(tenant setups counted apart). Uses DATABASE_URL/
REDIS_URL when set, else the embedded servers under MELIHUB_DATA_DIR (default .melihub/bench).

The server runs in a thread of this process so the statements can be counted on its engine; requests are
sequential, so the client waits (GIL released) while the server works.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_redis_url, fresh_database
from seed import EMAIL, PASSWORD, seed

from melihub.app import create_app
from melihub.config import Settings
from melihub.observability import configure_logging
from melihub.runtime import Services
from melihub.stores import resolve_stores
from melihub.testing.server import serve_in_thread
from melihub.testing.sqlcount import StatementCount, count_statements

ORDERS = int(os.environ.get("BENCH_GRAPHQL_ORDERS", "100000"))
REQUESTS = int(os.environ.get("BENCH_GRAPHQL_REQUESTS", "300"))
WARMUP = 50
DATABASE = "melihub_bench_graphql"
TARGET_P95_MS = 30.0
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
# The page: orders with items, buyer, shipment, payments, pack orders and each line's listing.
ORDERS_QUERY = """
query Orders($first: Int!) {
  orders(first: $first) { edges { node {
    id mlId status
    buyer { id nickname }
    items { title quantity listing { id title } }
    shipment { id status orderIds }
    payments { id status amount { amount currency } }
    packOrders { id mlId }
  } } }
}
"""
# The same with every line's listing's variations too: ≈ 900 more fields, for information.
WITH_VARIATIONS = ORDERS_QUERY.replace("listing { id title }", "listing { id title variations { id sku } }")


@dataclass(frozen=True)
class Run:
    first: int
    label: str
    latencies_ms: list[float]
    cpu_ms: list[float]  # this process's CPU per request: the server's work, and the client's (small)
    queries: list[int]
    tenant_setups: list[int]
    packed: int  # orders of the last page with pack orders (the nested fields really had data)


def sign_in(base: str) -> httpx.Client:
    http = httpx.Client(base_url=base, timeout=30)
    body = http.post("/graphql", json={"query": LOGIN, "variables": {"e": EMAIL, "p": PASSWORD}}).json()
    if body.get("errors") or body["data"]["login"]["errors"]:
        raise RuntimeError(f"login failed: {body}")
    return http


def ask(http: httpx.Client, first: int, query: str) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    response = http.post("/graphql", json={"query": query, "variables": {"first": first}})
    elapsed_ms = (time.perf_counter() - started) * 1000
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"orders(first: {first}) failed: {response.status_code} {str(body)[:300]}")
    return elapsed_ms, body


def measure(http: httpx.Client, counted: StatementCount, first: int, query: str, label: str) -> Run:
    for _ in range(WARMUP):
        ask(http, first, query)
    latencies, cpu, queries, setups = [], [], [], []
    body: dict[str, object] = {}
    for _ in range(REQUESTS):
        counted.reset()
        cpu_started = time.process_time()
        elapsed_ms, body = ask(http, first, query)
        cpu.append((time.process_time() - cpu_started) * 1000)
        latencies.append(elapsed_ms)
        count, tenant_setups = counted.snapshot()
        queries.append(count)
        setups.append(tenant_setups)
    edges = body["data"]["orders"]["edges"]  # type: ignore[index]
    packed = sum(1 for edge in edges if edge["node"]["packOrders"])
    return Run(first, label, latencies, cpu, queries, setups, packed)


def report(runs: list[Run], packs: int) -> None:
    print(f"orders={ORDERS} (packs of 2: {packs}) over 3 accounts, 1 tenant; {REQUESTS} sequential requests per")
    print(f"page size after {WARMUP} warm-up, session cookie, 1 server (in-process thread), nested query of docs")
    for run in runs:
        cuts = statistics.quantiles(run.latencies_ms, n=100)
        low, high = min(run.queries), max(run.queries)
        spread = f"{low}" if low == high else f"{low}-{high}"
        print(
            f"{run.label:<13} first={run.first:<3} p50 {cuts[49]:.1f} ms  p95 {cuts[94]:.1f} ms  "
            f"p99 {cuts[98]:.1f} ms  "
            f"max {max(run.latencies_ms):.1f} ms  CPU {statistics.median(run.cpu_ms):.1f} ms  "
            f"SQL/request {spread} (+{max(run.tenant_setups)} tenant setups)  with packOrders: {run.packed}"
        )
    print(f"target: p95 < {TARGET_P95_MS:.0f} ms for the issue's page, first=50")


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    configure_logging(os.environ.get("BENCH_LOG_LEVEL", "WARNING"), json=True)
    urls = resolve_stores(settings, keep_embedded_running=True)
    admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, DATABASE))
    started = time.perf_counter()
    seeded = asyncio.run(seed(settings, admin_url, ORDERS))
    print(f"seeded in {time.perf_counter() - started:.1f} s")
    live = settings.model_copy(
        update={
            "database_url": admin_url,
            "redis_url": bench_redis_url(urls.redis_url),
            # The caller's cost bucket (1000 points, 50/s) would make this measure the throttle; it still runs.
            "graphql_bucket_capacity": 10**9,
            "graphql_bucket_restore_per_s": 10.0**9,
        }
    )
    app = create_app(settings=live)
    with serve_in_thread(app) as base:
        services: Services = app.state.services
        http = sign_in(base)
        with count_statements(services.db) as counted:
            runs = [
                measure(http, counted, 50, ORDERS_QUERY, "issue's page"),
                measure(http, counted, 5, ORDERS_QUERY, "issue's page"),
                measure(http, counted, 50, WITH_VARIATIONS, "+ variations"),
            ]
        http.close()
    report(runs, seeded.packs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
