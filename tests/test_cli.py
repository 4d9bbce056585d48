"""The melihub command as an operator uses it: real processes, real databases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import redis
from sqlalchemy import text

from melihub.db.engine import Database
from melihub.testing.stores import start_private_redis

MELIHUB = [sys.executable, "-m", "melihub"]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MELIHUB, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


async def test_admin_create_tenant_then_migrate_again(database_factory, db_name, db: Database, redis_url) -> None:
    env = {"DATABASE_URL": database_factory.admin_url_of(db_name), "REDIS_URL": redis_url}
    created = _run(
        [
            "admin",
            "create-tenant",
            "--name",
            "Loja CLI",
            "--owner-email",
            "cli@loja.example",
            "--password",
            "long enough password",
            "--slug",
            "loja-cli",
        ],
        env,
    )
    assert created.returncode == 0, created.stderr
    assert "tenant loja-cli" in created.stdout

    again = _run(
        [
            "admin",
            "create-tenant",
            "--name",
            "Loja CLI",
            "--owner-email",
            "x@loja.example",
            "--password",
            "long enough password",
            "--slug",
            "loja-cli",
        ],
        env,
    )
    assert again.returncode == 1 and "taken" in again.stderr

    assert _run(["migrate"], env).returncode == 0
    async with db.global_session() as session:
        tenants = (await session.exec(text("SELECT count(*) FROM melihub_tenant_ids()"))).one()  # type: ignore[call-overload]
    assert tenants[0] == 1


def test_production_config_error_names_the_variable(tmp_path) -> None:
    result = _run(["migrate"], {"MELIHUB_ENV": "production", "MELIHUB_JWT_SECRET": ""})
    assert result.returncode == 2
    assert "MELIHUB_JWT_SECRET" in result.stderr and "Traceback" not in result.stderr


def test_a_worker_waiting_for_redis_still_stops_on_sigterm(database_factory, db_name, tmp_path) -> None:
    # arq leaves its no-op signal handlers behind when Redis goes away: such workers outlived their
    # stores until SIGKILL.
    redis_server = start_private_redis("worker-sigterm")
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": database_factory.admin_url_of(db_name), "REDIS_URL": redis_server.url}
    with open(log, "wb") as output:
        worker = subprocess.Popen([*MELIHUB, "worker"], env=env, stdout=output, stderr=output)
    try:
        _wait_for_heartbeat(redis_server.url)
        redis_server.stop()
        deadline = time.monotonic() + 60
        while "worker.redis_lost" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "worker.redis_lost" in log.read_text(), log.read_text()[-2000:]
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) is not None
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        redis_server.stop()


def _wait_for_heartbeat(url: str, timeout_s: float = 30) -> None:
    """Until the worker has run its start-up (it writes its heartbeat then)."""
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + timeout_s
    while not client.keys("*heartbeat*") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.keys("*heartbeat*"), "the worker never started"
