"""One export job in a process of its own, as a worker runs it: prints its time and the process's peak RSS.

``python bench/exports/job.py DATABASE_URL REDIS_URL TENANT_ID EXPORT_ID`` → one JSON line. The peak is this
process's ``VmHWM`` (imports, pools and the job together): what the worker would need. Not ``ru_maxrss``:
Linux carries it over from the parent through fork and exec, so it would report the bench's own peak.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from pathlib import Path

import psutil
from sqlalchemy import text

from melihub.config import Settings
from melihub.exports import runner
from melihub.runtime import Services

PIDS = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"


def rss_mb() -> float:
    """The peak resident set of this process so far, in MB (``/proc/self/status``: VmHWM, in kB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (not Linux?)")


async def _database_cpu(services: Services) -> float | None:
    """CPU seconds of this database's backends (the bench database is this job's alone); None if unreadable.

    PostgreSQL's parallel workers for the sort have ended by then and are not counted.
    """
    async with services.db.global_session() as session:
        pids = (await session.exec(text(PIDS))).all()  # type: ignore[call-overload]
    try:
        return round(sum(sum(psutil.Process(pid).cpu_times()[:2]) for (pid,) in pids), 1)
    except (psutil.Error, OSError):
        return None


async def run(database_url: str, redis_url: str, tenant_id: str, export_id: str) -> dict[str, object]:
    services = await Services.create(Settings(), database_url, redis_url).start()
    before = rss_mb()
    started = time.perf_counter()
    try:
        status = await runner.run_export(services, uuid.UUID(tenant_id), uuid.UUID(export_id))
        database_cpu = await _database_cpu(services)
    finally:
        await services.close()
    cpu = time.process_time()  # this process since its fork: a measure the machine's other load does not inflate
    return {
        "status": status,
        "database_cpu_s": database_cpu,
        "seconds": round(time.perf_counter() - started, 2),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(rss_mb(), 1),
        "cpu_s": round(cpu, 1),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(*sys.argv[1:5]))))
