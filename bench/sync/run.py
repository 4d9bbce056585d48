"""bench/sync: a backfill of a generated world of 10,000 orders at a budget of 100 requests per second.

Links every seller of the world (OAuth through a uvicorn server of the app, in a thread), then runs all
their backfills at once in this process and prints:

* minimal requests — what any client needs for the same data: each order-search stream's pages (the
  default search and the explicit cancelled one) at 50 a page, one GET per shipment, the scan's pages (+1
  to see its end), multiget batches of 20, one description per listing, question pages, one thread per
  sale with recent activity, the claims searches — against the requests the sandbox counted (≤ 1.02x);
* elapsed against the rate-limit lower bound, minimal ÷ budget (≤ 1.15x).

The one budget is the application's (per-family budgets, such as messaging's, are set to it: the bench
measures the engine, not the reference's guesses). Uses DATABASE_URL/REDIS_URL when set, else the
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import bench_redis_url, fresh_database, start_process, stop_process

from melihub.accounts.service import create_tenant
from melihub.app import create_app
from melihub.config import Settings
from melihub.connections.maintenance import directory
from melihub.connections.runtime import install_meli
from melihub.db.engine import Database, app_url_for
from melihub.events import timeline_notes
from melihub.meli.config import MeliClientConfig
from melihub.observability import configure_logging
from melihub.runtime import Services
from melihub.sandbox.search import never_paid_cancelled
from melihub.sandbox.testing import SandboxHandle
from melihub.sandbox.world import parse_time
from melihub.stores import resolve_stores
from melihub.sync import engine, queries
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port

ORDERS = int(os.environ.get("BENCH_SYNC_ORDERS", "10000"))
BUDGET = float(os.environ.get("BENCH_SYNC_BUDGET", "100"))
DAYS = 90  # the generator's default spread
BACKFILL_DAYS = 100  # the world's 90 days, all of it
MESSAGE_DAYS = 14
EMAIL, PASSWORD = "bench@melihub.dev", "bench-password-1"
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


async def backfill_all(settings: Settings, database_url: str, redis_url: str) -> tuple[float, list[str]]:
    """Every queued backfill (linking queued them; no worker runs here), at once; elapsed and outcomes."""
    services = await Services.create(settings, database_url, redis_url).start()
    install_meli(services, timeline_notes.record, MeliClientConfig.from_settings(settings, family_rates={}))
    try:
        runs = []
        for entry in await directory(services):
            async with services.db.tenant(entry.tenant_id) as session:
                run = await queries.open_run_of(session, entry.account_id)
            assert run is not None, entry
            runs.append((entry.tenant_id, run.id))
        started = time.perf_counter()
        outcomes = await asyncio.gather(*(engine.execute(services, tenant, run) for tenant, run in runs))
        return time.perf_counter() - started, [o.status for o in outcomes]
    finally:
        await services.close()


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    configure_logging(os.environ.get("BENCH_LOG_LEVEL", "WARNING"), json=True)
    urls = resolve_stores(settings, keep_embedded_running=True)
    admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, "melihub_bench_sync"))
    asyncio.run(create_owner(settings, admin_url))
    sandbox_port = free_port()
    # Its own process, as Mercado Livre is: its CPU is not the engine's. Rebased: the world ends now.
    command = [sys.executable, "-m", "melihub", "sandbox", "--port", str(sandbox_port)]
    command += ["--generate", str(ORDERS), "--seed", "3", "--rebase-clock"]
    process = start_process(command, {}, f"http://127.0.0.1:{sandbox_port}/_sandbox/stats")
    try:
        sandbox = SandboxHandle(f"http://127.0.0.1:{sandbox_port}")
        elapsed, statuses, truth, used = run_backfills(settings, admin_url, urls.redis_url, sandbox)
    finally:
        stop_process(process)
    sellers = {int(uid) for uid, user in truth["users"].items() if user.get("site_id")}
    minimal = minimal_requests(truth, sellers, datetime.now(UTC))
    report(minimal, used, elapsed, statuses)
    return 0 if set(statuses) == {"succeeded"} else 1


def run_backfills(
    settings: Settings, admin_url: str, redis_url: str, sandbox: SandboxHandle
) -> tuple[float, list[str], dict[str, Any], dict[str, Any]]:
    port = free_port()
    live = settings.model_copy(
        update={
            "database_url": admin_url,
            "redis_url": bench_redis_url(redis_url),
            "public_url": f"http://127.0.0.1:{port}",
            "meli_api_url": sandbox.url,
            "meli_auth_url": sandbox.url,
            "meli_app_rate_per_s": BUDGET,
            "meli_seller_rate_per_s": BUDGET,
            "sync_backfill_days": BACKFILL_DAYS,
            "sync_messages_days": MESSAGE_DAYS,
        }
    )
    truth = sandbox.export()
    sellers = [(int(uid), user["site_id"]) for uid, user in truth["users"].items() if user.get("site_id")]
    with serve_in_thread(create_app(settings=live), port=port):
        link_all(live.public_url, sellers)
    sandbox.reset_stats()
    elapsed, statuses = asyncio.run(backfill_all(live, admin_url, bench_redis_url(redis_url)))
    return elapsed, statuses, truth, sandbox.stats()


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
