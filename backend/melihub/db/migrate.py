"""Schema migrations (alembic), the app role and its grants, run by ``melihub migrate``."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.config import Settings
from melihub.db.engine import async_url
from melihub.db.roles import ensure_app_role, grant_app_role

MIGRATIONS_DIR = Path(os.environ.get("MELIHUB_MIGRATIONS_DIR", Path(__file__).resolve().parents[3] / "migrations"))


def alembic_config(admin_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", async_url(admin_url).replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("postgresql://unused/x")).get_current_head()


def upgrade(admin_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(admin_url), revision)


def downgrade(admin_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(admin_url), revision)


async def current_revision(url: str) -> str | None:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
    finally:
        await engine.dispose()


# Roles are the cluster's, not the database's: two migrations of two databases on one server (two test
# processes, two tenants' databases) may update one role row at once, and one of them gets this error.
# The advisory lock below only serialises migrations of the same database. Trying again is safe: every
# step is idempotent.
CONCURRENT_ROLE_UPDATE = "tuple concurrently updated"
ROLE_ATTEMPTS = 5


async def _prepare_roles(admin_url: str, settings: Settings, *, after_upgrade: bool) -> None:
    for attempt in range(1, ROLE_ATTEMPTS + 1):
        try:
            await _prepare_roles_once(admin_url, settings, after_upgrade=after_upgrade)
            return
        except DBAPIError as exc:
            if CONCURRENT_ROLE_UPDATE not in str(exc) or attempt == ROLE_ATTEMPTS:
                raise
            await asyncio.sleep(0.1 * attempt)


async def _prepare_roles_once(admin_url: str, settings: Settings, *, after_upgrade: bool) -> None:
    engine = create_async_engine(async_url(admin_url))
    try:
        async with engine.begin() as conn:
            if after_upgrade:
                await grant_app_role(conn, settings.db_app_user)
            else:
                await conn.execute(text("SELECT pg_advisory_xact_lock(7261001)"))
                await ensure_app_role(conn, settings.db_app_user, settings.db_app_password.get_secret_value())
    finally:
        await engine.dispose()


def migrate(admin_url: str, settings: Settings) -> None:
    """Idempotent: create/refresh the app role, upgrade to head, grant data rights."""
    asyncio.run(_prepare_roles(admin_url, settings, after_upgrade=False))
    upgrade(admin_url)
    asyncio.run(_prepare_roles(admin_url, settings, after_upgrade=True))
