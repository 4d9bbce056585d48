"""Migrations run both ways cleanly, and the models match the migrated schema (no drift)."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.db import migrate as migrations
from melihub.db.engine import async_url
from melihub.db.models import metadata
from melihub.testing.databases import DatabaseFactory


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(async_url(url))
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        names = {row[0] for row in rows}
    await engine.dispose()
    return names


async def test_upgrade_downgrade_upgrade_runs_clean(database_factory: DatabaseFactory, db_name: str) -> None:
    url = database_factory.admin_url_of(db_name)
    assert set(metadata.tables) <= await _tables(url)

    await asyncio.to_thread(migrations.downgrade, url, "base")
    assert await _tables(url) == {"alembic_version"}
    assert await migrations.current_revision(url) is None

    await asyncio.to_thread(migrations.upgrade, url, "head")
    assert set(metadata.tables) <= await _tables(url)
    assert await migrations.current_revision(url) == migrations.head_revision()


async def test_autogenerate_finds_no_drift(database_factory: DatabaseFactory, db_name: str) -> None:
    engine = create_async_engine(async_url(database_factory.admin_url_of(db_name)))
    async with engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), metadata)
        )
    await engine.dispose()
    assert diff == []


async def test_migrate_is_idempotent(database_factory: DatabaseFactory, db_name: str) -> None:
    url = database_factory.admin_url_of(db_name)
    await asyncio.to_thread(migrations.migrate, url, database_factory.settings)
    await asyncio.to_thread(migrations.migrate, url, database_factory.settings)
    assert await migrations.current_revision(url) == migrations.head_revision()
