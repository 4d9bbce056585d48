"""bench/sync: a backfill of a generated world of 10,000 orders at a budget of 100 requests per second.

The sandbox runs in its own process (as Mercado Livre is remote), two `melihub worker` processes take the
runs (one a core, as production scales), and linking every seller (OAuth through a uvicorn server of the
app, in a thread) queues their backfills before the workers start. Elapsed is the first run's start to
the last run's end as the database recorded them. It prints:

* minimal requests — what any client needs for the same data: each order-search stream's pages (the
  default search and the explicit cancelled one) at 50 a page, one GET per shipment, the scan's pages (+1
  to see its end), multiget batches of 20, one description per listing, question pages, one thread per
  sale with recent activity, the claims searches — against the requests the sandbox counted (≤ 1.02x);
* elapsed against the rate-limit lower bound, minimal ÷ budget (≤ 1.15x).

The one budget is the application's (`MELIHUB_MELI_FAMILY_RATES` is emptied: the bench measures the engine,
not the reference's guess at messaging's budget); the sandbox counts from the workers' start.
Uses DATABASE_URL/REDIS_URL when set, else the
embedded servers under MELIHUB_DATA_DIR (default .melihub/bench).
"""

from __future__ import annotations

import asyncio
import math
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import bench_redis_url, fresh_database, start_process, stop_process

from melihub.accounts.service import create_tenant
from melihub.app import create_app
from melihub.config import Settings
from melihub.db.engine import Database, app_url_for, async_url
from melihub.observability import configure_logging
from melihub.sandbox.search import never_paid_cancelled
from melihub.sandbox.testing import SandboxHandle
from melihub.sandbox.world import parse_time
from melihub.stores import resolve_stores
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port

ORDERS = int(os.environ.get("BENCH_SYNC_ORDERS", "10000"))
BUDGET = float(os.environ.get("BENCH_SYNC_BUDGET", "100"))
DAYS = 90  # the generator's default spread
BACKFILL_DAYS = 100  # the world's 90 days, all of it
MESSAGE_DAYS = 14
EMAIL, PASSWORD = "bench@melihub.dev", "bench-password-1"
WORKERS = int(os.environ.get("BENCH_SYNC_WORKERS", "2"))  # worker processes: one a core
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"


def _pages(count: int, size: int) -> int:
    return max(1, math.ceil(count / size))


def minimal_requests(truth: dict[str, Any], sellers: set[int], now: datetime) -> dict[str, int]:
    orders = [o for o in truth["orders"].values() if int(o["seller"]["id"]) in sellers]
    items = [i for i in truth["items"].values() if int(i["seller_id"]) in sellers]
    questions = [q for q in truth["questions"].values() if int(q["seller_id"]) in sellers]
    recent = now - timedelta(days=MESSAGE_DAYS)
    need: dict[str, int] = {"orders": 0, "shipments": 0, "listings": 0, "questions": 0, "messages": 0, "claims": 0}
    for seller in sellers:
        mine = [o for o in orders if int(o["seller"]["id"]) == seller]
        cancelled = [o for o in mine if o["status"] == "cancelled"]
        visible = [o for o in mine if not never_paid_cancelled(o)]
        need["orders"] += _pages(len(visible), 50) + _pages(len(cancelled), 50)
        listed = [i for i in items if int(i["seller_id"]) == seller]
        need["listings"] += _pages(len(listed), 100) + 1 + _pages(len(listed), 20) + len(listed)
        need["questions"] += _pages(sum(1 for q in questions if int(q["seller_id"]) == seller), 50)
        need["claims"] += 2
        active = {o.get("pack_id") or o["id"] for o in mine if (parse_time(o.get("last_updated")) or now) >= recent}
        need["messages"] += len(active)
    need["shipments"] = len({o["shipping"]["id"] for o in orders if (o.get("shipping") or {}).get("id")})
    return need


async def create_owner(settings: Settings, admin_url: str) -> None:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    await create_tenant(db, name="Bench", owner_email=EMAIL, owner_password=PASSWORD)
    await db.dispose()


def link_all(base: str, sellers: list[tuple[int, str]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        http.post("/graphql", json={"query": LOGIN, "variables": {"e": EMAIL, "p": PASSWORD}}).raise_for_status()
        for seller, site in sellers:
            start = http.get("/oauth/meli/start", params={"site": site})
            approved = httpx.get(f"{start.headers['location']}&user_id={seller}")
            callback = urlsplit(approved.headers["location"])
            if http.get(f"{callback.path}?{callback.query}").status_code != 200:
                raise RuntimeError(f"linking seller {seller} failed")


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    configure_logging(os.environ.get("BENCH_LOG_LEVEL", "WARNING"), json=True)
    urls = resolve_stores(settings, keep_embedded_running=True)
    admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, "melihub_bench_sync"))
    asyncio.run(create_owner(settings, admin_url))
    sandbox_port, port = free_port(), free_port()
    # Its own process, as Mercado Livre is: its CPU is not the engine's. Rebased: the world ends now.
    command = [sys.executable, "-m", "melihub", "sandbox", "--port", str(sandbox_port)]
    command += ["--generate", str(ORDERS), "--seed", "3", "--rebase-clock"]
    processes = [start_process(command, {}, f"http://127.0.0.1:{sandbox_port}/_sandbox/stats")]
    sandbox = SandboxHandle(f"http://127.0.0.1:{sandbox_port}")
    env = worker_env(admin_url, bench_redis_url(urls.redis_url), f"http://127.0.0.1:{port}", sandbox.url)
    try:
        truth = sandbox.export()
        sellers = [(int(uid), user["site_id"]) for uid, user in truth["users"].items() if user.get("site_id")]
        live = settings.model_copy(
            update={
                "database_url": admin_url,
                "redis_url": env["REDIS_URL"],
                "public_url": env["MELIHUB_PUBLIC_URL"],
                "meli_api_url": sandbox.url,
                "meli_auth_url": sandbox.url,
                "meli_app_rate_per_s": BUDGET,  # every process of one application has the same budgets
                "meli_seller_rate_per_s": BUDGET,
                "meli_family_rates": [],
                "sync_backfill_days": BACKFILL_DAYS,
            }
        )
        with serve_in_thread(create_app(settings=live), port=port):
            link_all(live.public_url, sellers)  # linking queues each backfill; no worker takes them yet
        sandbox.reset_stats()
        for _ in range(WORKERS):  # now, all at once
            processes.append(start_process([sys.executable, "-m", "melihub", "worker"], env, None))
        elapsed, statuses = asyncio.run(wait_for_runs(admin_url, len(sellers)))
        used = sandbox.stats()
    finally:
        for process in reversed(processes):
            stop_process(process)
    minimal = minimal_requests(truth, {s for s, _ in sellers}, datetime.now(UTC))
    report(minimal, used, elapsed, statuses)
    return 0 if set(statuses) == {"succeeded"} else 1


def worker_env(admin_url: str, redis_url: str, public_url: str, sandbox_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": admin_url,
        "REDIS_URL": redis_url,
        "MELIHUB_PUBLIC_URL": public_url,
        "MELIHUB_MELI_API_URL": sandbox_url,
        "MELIHUB_MELI_AUTH_URL": sandbox_url,
        "MELIHUB_MELI_APP_RATE_PER_S": str(BUDGET),
        "MELIHUB_MELI_SELLER_RATE_PER_S": str(BUDGET),
        "MELIHUB_MELI_FAMILY_RATES": "",  # the one budget is the application's
        "MELIHUB_SYNC_BACKFILL_DAYS": str(BACKFILL_DAYS),
        "MELIHUB_SYNC_MESSAGES_DAYS": str(MESSAGE_DAYS),
        "MELIHUB_LOG_LEVEL": "WARNING",
    }


async def wait_for_runs(admin_url: str, count: int, timeout_s: float = 1200) -> tuple[float, list[str]]:
    """Until every run ended; elapsed from the first start to the last finish, as the database says."""
    engine = create_async_engine(async_url(admin_url))
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            async with engine.connect() as conn:
                rows = (await conn.execute(text("SELECT status, started_at, finished_at FROM sync_runs"))).all()
            ended = [row for row in rows if row[2] is not None]
            if (len(rows) >= count and len(ended) == len(rows)) or time.monotonic() > deadline:
                break
            await asyncio.sleep(1)
    finally:
        await engine.dispose()
    starts = [row[1] for row in rows if row[1] is not None]
    ends = [row[2] for row in ended]
    elapsed = (max(ends) - min(starts)).total_seconds() if starts and ends else float("nan")
    return elapsed, [row[0] for row in rows]


def report(minimal: dict[str, int], used: dict[str, Any], elapsed: float, statuses: list[str]) -> None:
    need = sum(minimal.values())
    made = int(used["total_calls"])
    bound = need / BUDGET
    print(f"world: {ORDERS} orders over {DAYS} days, {len(statuses)} sellers; budget {BUDGET:.0f} req/s")
    print(f"runs: {', '.join(sorted(set(statuses)))}")
    print("minimal requests: " + ", ".join(f"{k} {v}" for k, v in minimal.items()) + f" = {need}")
    print(f"requests used: {made} ({made / need:.3f}x minimal; target ≤ 1.02)")
    print(f"elapsed: {elapsed:.1f} s; rate-limit lower bound {bound:.1f} s ({elapsed / bound:.3f}x; target ≤ 1.15)")
    for route, per_status in sorted(used["calls"].items(), key=lambda kv: -sum(kv[1].values()))[:10]:
        print(f"  {route}: {per_status}")


if __name__ == "__main__":
    sys.exit(main())
