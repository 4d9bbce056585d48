"""What both benchmarks need: a fresh migrated database, and server processes started and stopped cleanly."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import httpx
import redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.config import Settings
from melihub.db.engine import async_url, with_database
from melihub.db.migrate import migrate


async def fresh_database(settings: Settings, admin_url: str, name: str) -> str:
    """Drop and recreate ``name``, migrate it to head; return its admin URL."""
    engine = create_async_engine(async_url(admin_url), isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    database_admin_url = with_database(admin_url, name)
    await asyncio.to_thread(migrate, database_admin_url, settings)
    return database_admin_url


def start_process(
    args: list[str], env: dict[str, str], ready_url: str | None, log_path: str | None = None
) -> subprocess.Popen[bytes]:
    """Start a process (output to ``log_path`` if given); when ``ready_url`` is given, wait for a 200 there."""
    log = open(log_path or os.devnull, "ab")  # noqa: SIM115 - the child process owns it
    process = subprocess.Popen(args, env={**os.environ, **env}, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while ready_url is not None:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{args} did not become ready at {ready_url}")
        try:
            if httpx.get(ready_url, timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return process


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print(f"{process.args}: did not stop within 30 s of SIGTERM; killed", file=sys.stderr)
        process.kill()


# A shared machine may hand a bench another database: BENCH_REDIS_DB.
BENCH_REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "15"))


def bench_redis_url(url: str) -> str:
    """The same Redis server, database BENCH_REDIS_DB, emptied: benchmarks never see each other's (or anyone's) jobs."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("db="))
        bench = f"unix://{parts.path}?" + f"{query}&db={BENCH_REDIS_DB}".lstrip("&")  # urlunsplit drops "//"
    else:
        bench = urlunsplit(parts._replace(path=f"/{BENCH_REDIS_DB}"))
    client = redis.Redis.from_url(bench)
    client.flushdb()
    client.close()
    return bench
