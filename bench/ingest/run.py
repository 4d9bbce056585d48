"""bench/ingest: melihub's webhook ingest beside a bare Starlette + asyncpg INSERT, same load, same database.

Prints requests/s of both, the ratio, and melihub's p50/p99 (wrk --latency). Uses DATABASE_URL/REDIS_URL
when set, else the embedded servers under MELIHUB_DATA_DIR (default .melihub/bench).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import bench_redis_url, fresh_database, start_process, stop_process

from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database, app_url_for, async_url
from melihub.stores import resolve_stores
from melihub.testing.stores import free_port

HERE = Path(__file__).resolve().parent
DURATION_S = int(os.environ.get("BENCH_DURATION_S", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WARMUP_S = 3
# Opt-in: server on CPU 0, wrk on CPU 1 (PostgreSQL and Redis float) — a CPU-bound view of the server.
PIN = os.environ.get("BENCH_PIN") == "1" and shutil.which("taskset") is not None
PIN_SERVER = ["taskset", "-c", "0"] if PIN else []
PIN_LOAD = ["taskset", "-c", "1"] if PIN else []
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
DATABASE = "melihub_bench"


async def prepare(settings: Settings, admin_url: str) -> str:
    bench_admin = await fresh_database(settings, admin_url, DATABASE)
    engine = create_async_engine(async_url(bench_admin))
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "CREATE TABLE bench_inbox (id bigserial PRIMARY KEY, payload jsonb NOT NULL, "
                "received_at timestamptz NOT NULL DEFAULT now())"
            )
        )
        await conn.execute(text(f"GRANT INSERT ON bench_inbox TO {settings.db_app_user}"))
        await conn.execute(text(f"GRANT USAGE ON SEQUENCE bench_inbox_id_seq TO {settings.db_app_user}"))
    await engine.dispose()
    db = Database(app_url_for(settings, bench_admin), pool_size=1)
    tenant, _ = await create_tenant(db, name="Bench", owner_email="bench@melihub.dev", owner_password="x" * 12)
    async with db.tenant(tenant.id) as session:
        session.add(MeliAccount(tenant_id=tenant.id, ml_user_id=2401234567, site_id="MLB", nickname="BENCH"))
    await db.dispose()
    return bench_admin


def run_wrk(port: int, duration_s: int = DURATION_S) -> dict[str, float]:
    output = subprocess.run(
        [
            *PIN_LOAD,
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{duration_s}s",
            "--latency",
            "-s",
            str(HERE / "post.lua"),
            f"http://127.0.0.1:{port}/webhooks/meli",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def percentile(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {
        "rps": rps,
        "p50_ms": percentile("50"),
        "p99_ms": percentile("99"),
        "errors": float(non_2xx.group(1)) if non_2xx else 0.0,
    }


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    urls = resolve_stores(settings, keep_embedded_running=True)
    bench_admin = asyncio.run(prepare(settings, urls.admin_database_url))
    app_url = app_url_for(settings, bench_admin)
    uvicorn = [*PIN_SERVER, sys.executable, "-m", "uvicorn", "--no-access-log", "--log-level", "warning"]
    uvicorn += ["--host", "127.0.0.1"]
    rounds: dict[str, list[dict[str, float]]] = {"bare": [], "melihub": []}
    # Alternating rounds: a slow spell of this shared machine hits both servers, not one.
    for name, target, env in ROUNDS * (
        ("bare", "bare_app:app", {"BENCH_DSN": app_url, "PYTHONPATH": str(HERE)}),
        (
            "melihub",
            "melihub.app:create_app_from_env",
            {
                "DATABASE_URL": bench_admin,
                "REDIS_URL": bench_redis_url(urls.redis_url),
                "MELIHUB_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "INFO"),
            },
        ),
    ):
        port = free_port()
        factory = ["--factory"] if name == "melihub" else []
        server = start_process(
            [*uvicorn, "--port", str(port), *factory, target], env, f"http://127.0.0.1:{port}/healthz"
        )
        try:
            run_wrk(port, WARMUP_S)  # warm-up: pools filled, code paths hot
            rounds[name].append(run_wrk(port))
        finally:
            stop_process(server)
    bare, mine = (_median(rounds["bare"]), _median(rounds["melihub"]))
    print(
        f"connections={CONNECTIONS} duration={DURATION_S}s per round, {ROUNDS} alternating rounds each (medians), "
        "after an equal warm-up, 1 server process each"
    )
    pairs = zip(rounds["bare"], rounds["melihub"], strict=True)
    print("rounds  : " + "  ".join(f"{m['rps']:.0f}/{b['rps']:.0f}={m['rps'] / b['rps']:.2f}" for b, m in pairs))
    print(f"bare    : {bare['rps']:9.1f} req/s  p50 {bare['p50_ms']:.2f} ms  p99 {bare['p99_ms']:.2f} ms")
    print(
        f"melihub : {mine['rps']:9.1f} req/s  p50 {mine['p50_ms']:.2f} ms  p99 {mine['p99_ms']:.2f} ms  "
        f"non-2xx {mine['errors']:.0f}"
    )
    print(f"ratio   : {mine['rps'] / bare['rps']:.2f}  (target >= 0.70; melihub p99 target < 25 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
