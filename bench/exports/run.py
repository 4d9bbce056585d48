"""A CSV export of every order (1,000,000 over 5 accounts and 12 months) through the worker's job, in a
process of its own: seconds and peak RSS (targets: < 60 s, < 200 MB); then an XLSX of 100,000 for scale.

The orders come from ``bench/kpis/world.py: seed_orders`` (the KPI bench's world, without its rollups).
``BENCH_EXPORT_ORDERS`` sets another count; ``BENCH_EXPORTS_REUSE=<database>`` exports from a database a
previous run (or bench/kpis, ``melihub_bench_kpis``) seeded, since seeding a million orders takes minutes;
``BENCH_REDIS_URL`` another Redis database than the benchmarks' shared one.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import bench_redis_url, fresh_database
from bench.kpis.world import seed_orders

from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.config import Settings
from melihub.db.engine import app_url_for, plain_url, with_database
from melihub.exports import service
from melihub.exports.filters import ExportFilter
from melihub.exports.models import Export, ExportFormat, ExportKind
from melihub.observability import configure_logging
from melihub.runtime import Services
from melihub.stores import resolve_stores

DATABASE = "melihub_bench_exports"
ORDERS = int(os.environ.get("BENCH_EXPORT_ORDERS", "1000000"))
XLSX_DAYS = 37  # ≈ 100,000 of the year's orders
TARGET_S, TARGET_RSS_MB = 60.0, 200.0
JOB = Path(__file__).with_name("job.py")


async def seed(settings: Settings, admin_url: str) -> uuid.UUID:
    seeded = await seed_orders(admin_url, orders=ORDERS, accounts=5, months=12, settings=settings, build_rollups=False)
    return uuid.UUID(str(seeded.tenant_id))


async def seeded_tenant(admin_url: str) -> uuid.UUID:
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        tenant = await conn.fetchval("SELECT tenant_id FROM orders GROUP BY tenant_id ORDER BY count(*) DESC LIMIT 1")
    finally:
        await conn.close()
    return uuid.UUID(str(tenant))


async def start(settings: Settings, app_url: str, redis_url: str, tenant_id: uuid.UUID, **kind: object) -> Export:
    services = await Services.create(settings, app_url, redis_url).start()
    owner = Principal(tenant_id=tenant_id, role=Role.OWNER, method=AuthMethod.SESSION)
    request = service.ExportRequest(kind=ExportKind.ORDERS, **kind)  # type: ignore[arg-type]
    try:
        return await service.start_export(services, owner, request)
    finally:
        await services.close()


def job(app_url: str, redis_url: str, export: Export) -> dict[str, object]:
    args = [sys.executable, str(JOB), app_url, redis_url, str(export.tenant_id), str(export.id)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, env={**os.environ})
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


async def stored(settings: Settings, app_url: str, redis_url: str, export: Export) -> Export:
    services = await Services.create(settings, app_url, redis_url).start()
    try:
        async with services.db.tenant(export.tenant_id) as session:
            row = await session.get(Export, export.id)
    finally:
        await services.close()
    assert row is not None
    return row


def measure(settings: Settings, app_url: str, redis_url: str, tenant_id: uuid.UUID, label: str, **kind: object) -> None:
    export = asyncio.run(start(settings, app_url, redis_url, tenant_id, **kind))
    result = job(app_url, redis_url, export)
    row = asyncio.run(stored(settings, app_url, redis_url, export))
    size = (row.size_bytes or 0) / 1e6
    print(
        f"{label}: {row.status} {row.rows:,} rows, {size:.1f} MB in {result['seconds']} s "
        f"({row.rows / float(str(result['seconds'])):,.0f} rows/s), worker CPU {result['cpu_s']} s, "
        f"PostgreSQL backends' CPU {result['database_cpu_s']} s; "
        f"worker process peak RSS {result['peak_rss_mb']} MB (after start-up {result['rss_before_mb']} MB); "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    configure_logging(os.environ.get("BENCH_LOG_LEVEL", "WARNING"), json=True)
    urls = resolve_stores(settings, keep_embedded_running=True)
    redis_url = os.environ.get("BENCH_REDIS_URL") or bench_redis_url(urls.redis_url)
    reused = os.environ.get("BENCH_EXPORTS_REUSE")
    if reused:
        admin_url = with_database(urls.admin_database_url, reused)
        tenant_id = asyncio.run(seeded_tenant(admin_url))
        print(f"orders of {reused} (seeded before)")
    else:
        admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, DATABASE))
        began = time.perf_counter()
        tenant_id = asyncio.run(seed(settings, admin_url))
        print(f"seeded {ORDERS:,} orders in {time.perf_counter() - began:.1f} s")
    app_url = app_url_for(settings, admin_url)
    measure(settings, app_url, redis_url, tenant_id, "CSV, every order", format=ExportFormat.CSV, filter=ExportFilter())
    last = date(2026, 11, 30)
    recent = ExportFilter(first=date.fromordinal(last.toordinal() - XLSX_DAYS + 1), last=last)
    measure(settings, app_url, redis_url, tenant_id, f"XLSX, {XLSX_DAYS} days", format=ExportFormat.XLSX, filter=recent)
    print(f"targets: CSV of 1,000,000 orders < {TARGET_S:.0f} s with the worker's peak RSS < {TARGET_RSS_MB:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
