"""bench/e2e: the sandbox notifies → melihub ingests, the worker fetches and applies → a GraphQL subscriber.

Prints p50/p95/p99 of the time from asking the sandbox to change an order and notify (its POST follows at
once) to the `orderChanged` subscriber receiving that order, and the Mercado Livre calls melihub made per
notification (the sandbox's counters over the measured phase, OAuth left out). Uses DATABASE_URL/REDIS_URL
when set, else the embedded servers under MELIHUB_DATA_DIR (default .melihub/bench). One API process, one
worker process.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import bench_redis_url, fresh_database, start_process, stop_process

from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.db.engine import Database, app_url_for
from melihub.sandbox.testing import running_sandbox
from melihub.stores import resolve_stores
from melihub.testing.stores import free_port
from melihub.testing.ws import graphql_socket

NOTIFICATIONS = int(os.environ.get("BENCH_E2E_NOTIFICATIONS", "300"))
SELLER = 2401234567
EMAIL, PASSWORD = "bench@melihub.dev", "bench-password-1"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
SUBSCRIPTION = "subscription { orderChanged { mlId status } }"
OAUTH_ROUTES = ("/authorization", "/oauth/token")


async def create_owner(settings: Settings, admin_url: str) -> None:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    await create_tenant(db, name="Bench", owner_email=EMAIL, owner_password=PASSWORD)
    await db.dispose()


def link_seller(base: str) -> httpx.Client:
    """A signed-in browser session that has linked the sandbox seller through OAuth + PKCE."""
    http = httpx.Client(base_url=base, timeout=30)
    http.post("/graphql", json={"query": LOGIN, "variables": {"e": EMAIL, "p": PASSWORD}}).raise_for_status()
    start = http.get("/oauth/meli/start", params={"site": "MLB"})
    approved = httpx.get(f"{start.headers['location']}&user_id={SELLER}")
    callback = urlsplit(approved.headers["location"])
    linked = http.get(f"{callback.path}?{callback.query}")
    if linked.status_code != 200:
        raise RuntimeError(f"linking failed: {linked.status_code} {linked.text[:200]}")
    return http


def route_calls(sandbox: Any) -> dict[str, int]:
    """Calls the sandbox has answered per ``"<METHOD> <route>"``, any status, OAuth left out."""
    counters: dict[str, dict[str, int]] = sandbox.stats()["calls"]
    return {
        route: sum(statuses.values())
        for route, statuses in counters.items()
        if route.split(" ", 1)[-1] not in OAUTH_ROUTES
    }


def calls_between(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Calls per resource family (``/orders/{id}`` -> orders) made between two ``route_calls``."""
    families: dict[str, int] = {}
    for route, count in after.items():
        family = route.split(" ", 1)[-1].strip("/").split("/", 1)[0]
        families[family] = families.get(family, 0) + count - before.get(route, 0)
    return {family: n for family, n in families.items() if n}


def wait_for_link_sync(sandbox: Any, start_s: float = 75.0, quiet_s: float = 3.0) -> str:
    """Wait for the sync that linking starts (a history backfill, begun by the worker's once-a-minute
    schedule) to make its ML calls and go quiet, so they are not counted as the notifications'."""
    started = time.monotonic()
    baseline = seen = route_calls(sandbox)
    last_change = None
    while True:
        time.sleep(0.25)
        now, at = route_calls(sandbox), time.monotonic()
        if now != seen:
            seen, last_change = now, at
        if last_change is None and at - started > start_s:
            return f"no sync seen within {start_s:.0f} s of linking"
        if at - started > start_s + 120:
            return "the link's sync was still calling ML after 195 s; measuring anyway"
        if last_change is not None and at - last_change >= quiet_s:
            made = sum(seen.values()) - sum(baseline.values())
            return f"the link's sync made {made} ML calls and went quiet after {at - started:.1f} s"


async def measure(base: str, sandbox: Any, cookies: dict[str, str]) -> tuple[list[float], dict[str, int]]:
    orders = {oid: raw for oid, raw in sandbox.export()["orders"].items() if raw["seller"]["id"] == SELLER}
    order_ids = sorted(orders)
    latencies: list[float] = []
    async with graphql_socket(base, cookies=cookies) as socket:
        await socket.subscribe(SUBSCRIPTION)
        await asyncio.sleep(0.5)  # the API process's hub subscription is registered
        before = await asyncio.to_thread(route_calls, sandbox)
        for n in range(NOTIFICATIONS):
            order_id = order_ids[n % len(order_ids)]
            raw = orders[order_id]
            raw["tags"] = [t for t in raw.get("tags", []) if not t.startswith("bench-")] + [f"bench-{n}"]
            started = time.perf_counter()
            await asyncio.to_thread(sandbox.put, "orders", order_id, raw, notify=True)
            while True:
                payload = await socket.next_payload(timeout=10)
                if str(payload["data"]["orderChanged"]["mlId"]) == str(order_id):
                    break
            latencies.append((time.perf_counter() - started) * 1000)
        after = await asyncio.to_thread(route_calls, sandbox)
    return latencies, calls_between(before, after)


def report(latencies: list[float], calls: dict[str, int]) -> None:
    cuts = statistics.quantiles(latencies, n=100)
    print(f"notifications={len(latencies)} sequential, 1 API process, 1 worker process, ML budgets 1000 req/s")
    print(f"p50 {cuts[49]:.1f} ms  p95 {cuts[94]:.1f} ms  p99 {cuts[98]:.1f} ms  max {max(latencies):.1f} ms")
    print("target: p95 < 300 ms")
    per = {family: n / len(latencies) for family, n in sorted(calls.items(), key=lambda kv: -kv[1])}
    parts = ", ".join(f"{family} {n:.2f}" for family, n in per.items())
    print(f"ML calls per notification: {sum(per.values()):.2f} ({parts})")


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    urls = resolve_stores(settings, keep_embedded_running=True)
    admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, "melihub_bench_e2e"))
    asyncio.run(create_owner(settings, admin_url))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running_sandbox(callback_url=f"{base}/webhooks/meli") as sandbox:
        env = {
            "DATABASE_URL": admin_url,
            "REDIS_URL": bench_redis_url(urls.redis_url),
            "MELIHUB_PUBLIC_URL": base,
            "MELIHUB_MELI_API_URL": sandbox.url,
            "MELIHUB_MELI_AUTH_URL": sandbox.url,
            "MELIHUB_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
            # The default budgets (10 req/s per app, 5 per seller) would make this measure the limiter.
            "MELIHUB_MELI_APP_RATE_PER_S": "1000",
            "MELIHUB_MELI_SELLER_RATE_PER_S": "1000",
        }
        processes: list[subprocess.Popen[bytes]] = []
        try:
            serve = [sys.executable, "-m", "melihub", "serve", "--host", "127.0.0.1", "--port", str(port)]
            processes.append(start_process(serve, env, f"{base}/readyz", os.environ.get("BENCH_API_LOG")))
            worker = [sys.executable, "-m", "melihub", "worker"]
            processes.append(start_process(worker, env, None, os.environ.get("BENCH_WORKER_LOG")))
            http = link_seller(base)
            print(wait_for_link_sync(sandbox))
            latencies, calls = asyncio.run(measure(base, sandbox, dict(http.cookies)))
        finally:
            for process in processes:
                stop_process(process)
    report(latencies, calls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
