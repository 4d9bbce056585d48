"""Migrations run both ways cleanly, and the models match the migrated schema (no drift)."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.config import Settings
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


def _role_error(message: str) -> DBAPIError:
    return DBAPIError("ALTER ROLE melihub_app …", None, Exception(message))


async def test_a_role_another_migration_updates_at_the_same_moment_is_tried_again(
    monkeypatch: pytest.MonkeyPatch, database_factory: DatabaseFactory, settings: Settings
) -> None:
    """Roles belong to the server: migrating two databases of one server at once (two test processes, two
    deployments on one cluster) may update the same role row at once; the loser tries again."""
    calls: list[bool] = []
    real = migrations._prepare_roles_once

    async def racing(admin_url: str, settings: Settings, *, after_upgrade: bool) -> None:
        calls.append(after_upgrade)
        if len(calls) == 1:
            raise _role_error("tuple concurrently updated")
        await real(admin_url, settings, after_upgrade=after_upgrade)

    monkeypatch.setattr(migrations, "_prepare_roles_once", racing)
    await migrations._prepare_roles(database_factory.admin_url, settings, after_upgrade=False)
    assert calls == [False, False]


async def test_any_other_role_error_is_not_tried_again(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    calls: list[bool] = []

    async def refused(admin_url: str, settings: Settings, *, after_upgrade: bool) -> None:
        calls.append(after_upgrade)
        raise _role_error("permission denied to alter role")

    monkeypatch.setattr(migrations, "_prepare_roles_once", refused)
    with pytest.raises(DBAPIError, match="permission denied"):
        await migrations._prepare_roles("postgresql://nobody@127.0.0.1:1/none", settings, after_upgrade=True)
    assert calls == [True]
