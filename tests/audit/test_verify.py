"""`melihub audit verify` recomputes each tenant's chain and names the first row changed, removed or inserted.

The tampering is done as the schema owner, in SQL, the way someone bypassing melihub would do it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from melihub.accounts.models import Role, Tenant
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import create_tenant
from melihub.audit.chain import row_hash
from melihub.audit.models import AuditEntry
from melihub.audit.service import record
from melihub.db.engine import Database, async_url
from melihub.testing.databases import DatabaseFactory

ROWS = 5  # per tenant: "tenant.created" then four changes


def _verify(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "melihub", "audit", "verify", *args],
        env={**os.environ, **env, "COLUMNS": "100"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def env(database_factory: DatabaseFactory, db_name: str, redis_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_factory.admin_url_of(db_name), "REDIS_URL": redis_url}


@pytest_asyncio.fixture
async def admin(database_factory: DatabaseFactory, db_name: str) -> AsyncIterator[AsyncEngine]:
    """The schema owner: what someone with database access, bypassing melihub, writes with."""
    engine = create_async_engine(async_url(database_factory.admin_url_of(db_name)))
    yield engine
    await engine.dispose()


async def _audited_tenant(db: Database, slug: str) -> Tenant:
    tenant, owner = await create_tenant(
        db, name=slug.title(), owner_email=f"owner@{slug}.example", owner_password="long enough password", slug=slug
    )
    principal = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=owner.id)
    for n in range(ROWS - 1):
        async with db.tenant(tenant.id) as session:
            await record(session, principal, "setUserRole", before={"role": "analyst"}, after={"role": f"r{n}"})
    return tenant


@pytest_asyncio.fixture
async def aurora(db: Database) -> Tenant:
    return await _audited_tenant(db, "aurora")


@pytest_asyncio.fixture
async def pampa(db: Database) -> Tenant:
    return await _audited_tenant(db, "pampa")


async def _row_id(admin: AsyncEngine, tenant: Tenant, seq: int) -> uuid.UUID:
    async with admin.connect() as conn:
        query = text("SELECT id FROM audit_log WHERE tenant_id = :t AND seq = :s")
        found: uuid.UUID = (await conn.execute(query, {"t": tenant.id, "s": seq})).scalar_one()
    return found


async def _sql(admin: AsyncEngine, statement: str, **params: object) -> None:
    async with admin.begin() as conn:
        await conn.execute(text(statement), params)


def _forged(tenant: Tenant, seq: int, prev_hash: str | None) -> AuditEntry:
    """A row made to look right: correct seq, correct link, a hash computed the way melihub computes it."""
    forged = AuditEntry(
        tenant_id=tenant.id,
        action="setUserRole",
        after={"role": "owner"},
        data={},
        created_at=datetime.now(UTC),
        seq=seq,
        prev_hash=prev_hash,
    )
    forged.hash = row_hash(forged)
    return forged


async def _insert(admin: AsyncEngine, entry: AuditEntry) -> None:
    async with admin.begin() as conn:
        await conn.execute(AuditEntry.__table__.insert().values(**entry.model_dump()))  # type: ignore[attr-defined]


async def _hash_of(admin: AsyncEngine, tenant: Tenant, seq: int) -> str:
    async with admin.connect() as conn:
        query = text("SELECT hash FROM audit_log WHERE tenant_id = :t AND seq = :s")
        found: str = (await conn.execute(query, {"t": tenant.id, "s": seq})).scalar_one()
    return found


async def test_intact_chains_exit_0_with_a_summary_per_tenant(env, aurora: Tenant, pampa: Tenant) -> None:
    result = _verify(env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any("aurora" in line and f" {ROWS} " in line and "intact" in line for line in lines), result.stdout
    assert any("pampa" in line and "intact" in line for line in lines), result.stdout


async def test_a_row_edited_in_sql_is_named_and_exits_1(env, admin: AsyncEngine, aurora: Tenant) -> None:
    edited = await _row_id(admin, aurora, 3)
    await _sql(admin, 'UPDATE audit_log SET after = \'{"role": "owner"}\' WHERE id = :id', id=edited)

    result = _verify(env)
    assert result.returncode == 1, result.stdout
    assert f"row {edited} (seq 3, setUserRole" in result.stdout and "changed" in result.stdout, result.stdout


async def test_a_deleted_row_is_caught(env, admin: AsyncEngine, aurora: Tenant) -> None:
    await _sql(admin, "DELETE FROM audit_log WHERE id = :id", id=await _row_id(admin, aurora, 2))

    result = _verify(env)
    assert result.returncode == 1, result.stdout
    assert "seq 2 removed" in result.stdout, result.stdout


async def test_rows_deleted_from_the_end_are_caught(env, admin: AsyncEngine, aurora: Tenant) -> None:
    await _sql(admin, "DELETE FROM audit_log WHERE tenant_id = :t AND seq >= 4", t=aurora.id)

    result = _verify(env)
    assert result.returncode == 1, result.stdout
    assert f"seq 4 to {ROWS} removed from the end of the chain" in result.stdout, result.stdout


async def test_a_forged_row_appended_with_a_valid_hash_is_caught(env, admin: AsyncEngine, aurora: Tenant) -> None:
    forged = _forged(aurora, ROWS + 1, await _hash_of(admin, aurora, ROWS))
    await _insert(admin, forged)

    result = _verify(env)
    assert result.returncode == 1, result.stdout
    assert f"row {forged.id} (seq {ROWS + 1}" in result.stdout and "inserted" in result.stdout, result.stdout


async def test_a_row_replaced_by_a_forged_one_is_caught(env, admin: AsyncEngine, aurora: Tenant) -> None:
    await _sql(admin, "DELETE FROM audit_log WHERE tenant_id = :t AND seq = 3", t=aurora.id)
    forged = _forged(aurora, 3, await _hash_of(admin, aurora, 2))
    await _insert(admin, forged)

    result = _verify(env)
    assert result.returncode == 1, result.stdout
    assert f"row {forged.id} (seq 3" in result.stdout and "replaced or inserted" in result.stdout, result.stdout


async def test_tenant_limits_the_check_to_one_tenant(env, admin: AsyncEngine, aurora: Tenant, pampa: Tenant) -> None:
    await _sql(admin, "UPDATE audit_log SET action = 'nothing' WHERE tenant_id = :t AND seq = 2", t=pampa.id)

    only_aurora = _verify(env, "--tenant", "aurora")
    assert only_aurora.returncode == 0, only_aurora.stdout
    assert "aurora" in only_aurora.stdout and "pampa" not in only_aurora.stdout
    everyone = _verify(env)
    assert everyone.returncode == 1 and "pampa" in everyone.stdout and "changed" in everyone.stdout
    unknown = _verify(env, "--tenant", "nobody")
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
