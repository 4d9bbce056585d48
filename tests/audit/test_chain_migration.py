"""Audit rows written before the chain existed are chained by the migration, in time order, per tenant."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.audit.verify import verify_chains
from melihub.db import migrate as migrations
from melihub.db.engine import async_url
from melihub.testing.databases import DatabaseFactory

LEGACY = text(
    "INSERT INTO audit_log (id, tenant_id, action, target_type, target_id, data, created_at) "
    "VALUES (:id, :tenant, :action, 'user', :target, CAST(:data AS jsonb), :at)"
)


async def test_existing_rows_are_chained_and_verify(database_factory: DatabaseFactory, db_name: str) -> None:
    url = database_factory.admin_url_of(db_name)
    await asyncio.to_thread(migrations.downgrade, url, "0004")
    tenants = {"aurora": uuid.uuid4(), "pampa": uuid.uuid4()}
    start = datetime(2026, 1, 1, tzinfo=UTC)
    engine = create_async_engine(async_url(url))
    async with engine.begin() as conn:
        for slug, tenant in tenants.items():
            await conn.execute(
                text("INSERT INTO tenants (id, name, slug, created_at) VALUES (:id, :slug, :slug, :at)"),
                {"id": tenant, "slug": slug, "at": start},
            )
        for n in (3, 1, 2):  # stored out of time order
            await conn.execute(
                LEGACY,
                {
                    "id": uuid.uuid4(),
                    "tenant": tenants["aurora"],
                    "action": f"step{n}",
                    "target": str(uuid.uuid4()),
                    "data": '{"role": "admin", "password": "legacy-pw"}',
                    "at": start + timedelta(minutes=n),
                },
            )
    await asyncio.to_thread(migrations.upgrade, url, "head")

    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT seq, action, data FROM audit_log ORDER BY seq"))).all()
    await engine.dispose()
    assert [(seq, action) for seq, action, _ in rows] == [(1, "step1"), (2, "step2"), (3, "step3")]
    assert rows[0][2] == {"role": "admin", "password": "[redacted]"}
    reports = {report.slug: report for report in await verify_chains(url)}
    assert reports["aurora"].intact and reports["aurora"].rows == reports["aurora"].head_seq == 3
    assert reports["pampa"].intact and (reports["pampa"].rows, reports["pampa"].head_seq) == (0, None)
