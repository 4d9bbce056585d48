"""The melihub command as an operator uses it: real processes, real databases."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import text

from melihub.db.engine import Database

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
