"""Migrated PostgreSQL databases for tests: one template per run, cloned per test (≈50 ms)."""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.config import Settings
from melihub.db.engine import app_url_for, async_url, with_database
from melihub.db.migrate import migrate

TEMPLATE_LOCK_KEY = 7_270_015  # any constant the application itself never locks


class DatabaseFactory:
    """Creates the migrated template once, then hands out fresh copies of it."""

    def __init__(self, admin_url: str, settings: Settings) -> None:
        self.admin_url = admin_url
        self.settings = settings
        self.run_id = f"{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"melihub_tpl_{self.run_id}"
        self._counter = itertools.count()

    async def _autocommit(self, *statements: str) -> None:
        engine = create_async_engine(async_url(self.admin_url), isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                for statement in statements:
                    await conn.execute(text(statement))
        finally:
            await engine.dispose()

    async def create_template(self) -> None:
        await self._autocommit(f'CREATE DATABASE "{self.template}"')
        # Migrations also set up cluster-wide roles: two test processes (pytest-xdist) migrating at once
        # on one server fail with "tuple concurrently updated". One at a time, whichever machine runs them.
        engine = create_async_engine(async_url(self.admin_url), isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": TEMPLATE_LOCK_KEY})
                try:
                    # migrate() drives alembic, which runs its own event loop: keep it off ours.
                    await asyncio.to_thread(migrate, with_database(self.admin_url, self.template), self.settings)
                finally:
                    await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": TEMPLATE_LOCK_KEY})
        finally:
            await engine.dispose()

    async def clone(self) -> str:
        """A new database copied from the template; returns its name."""
        name = f"melihub_t_{self.run_id}_{next(self._counter)}"
        await self._autocommit(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name

    async def create_empty(self, name: str) -> None:
        """A database with nothing in it, not even migrations (for tests of migrating itself)."""
        await self._autocommit(f'CREATE DATABASE "{name}"')

    async def drop(self, name: str) -> None:
        await self._autocommit(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    async def drop_template(self) -> None:
        await self.drop(self.template)

    def admin_url_of(self, name: str) -> str:
        return with_database(self.admin_url, name)

    def app_url_of(self, name: str) -> str:
        return app_url_for(self.settings, self.admin_url_of(name))
