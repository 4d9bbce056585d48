"""What both benchmarks need: a fresh migrated database, and server processes started and stopped cleanly."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import httpx
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


def start_process(args: list[str], env: dict[str, str], ready_url: str | None) -> subprocess.Popen[bytes]:
    """Start a process; when ``ready_url`` is given, wait until it answers 200 there."""
    process = subprocess.Popen(args, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
