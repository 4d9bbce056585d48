"""Tenant isolation is enforced by PostgreSQL itself, for every tenant-owned table.

Rows for two tenants are written with the schema owner (which row-level security does not bind
here), then every table is read, updated, deleted and written through the application's role.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    Table,
    Text,
    Uuid,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.db.engine import Database, async_url
from melihub.db.models import metadata
from melihub.testing.databases import DatabaseFactory

CHECKED_VALUES = {"role": "operator", "status": "active"}
EVENT_STATUS = "received"
# Columns with a CHECK of their own: a value the constraint accepts.
CHECKED_COLUMNS = {
    ("sync_runs", "kind"): "backfill",
    ("sync_runs", "status"): "succeeded",
    ("hub_orders", "status"): "RECEBIDO",
}
TENANT_TABLES = [t for t in metadata.sorted_tables if "tenant_id" in t.c]
# The app role may not UPDATE or DELETE these at all, even its own rows (tests/audit).
APPEND_ONLY = {"audit_log"}


def _value(table: Table, column: Any) -> Any:
    if column.name in CHECKED_VALUES and table.name in {"memberships", "api_tokens", "meli_accounts"}:
        return CHECKED_VALUES[column.name]
    if table.name == "integration_events" and column.name == "status":
        return EVENT_STATUS
    if (table.name, column.name) in CHECKED_COLUMNS:
        return CHECKED_COLUMNS[(table.name, column.name)]
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.uuid4()
    if isinstance(kind, BigInteger):
        return random.randint(10**10, 10**15)
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Numeric):
        return Decimal("1.00")
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, DateTime):
        return datetime.now(UTC)
    if isinstance(kind, Date):
        return datetime.now(UTC).date()
    if isinstance(kind, JSONB):
        return {}
    if isinstance(kind, ARRAY):
        return []
    if isinstance(kind, Text):
        return f"{column.name}-{uuid.uuid4().hex[:10]}"
    if isinstance(kind, Float):
        return 0.5
    if isinstance(kind, LargeBinary):
        return b"\x00bytes"
    raise AssertionError(f"no test value for {table.name}.{column.name} ({kind})")


def _row(table: Table, tenant: uuid.UUID, created: dict[str, dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in table.c:
        if column.name == "tenant_id":
            row[column.name] = tenant
        elif column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            row[column.name] = created[target]["id"] if target in created else None
            if row[column.name] is None and not column.nullable:
                raise AssertionError(f"{table.name}.{column.name} needs a {target} row")
        elif not column.nullable or column.primary_key:
            row[column.name] = _value(table, column)
    return row


async def _seed(admin_url: str, tenants: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, dict[str, Any]]]:
    engine = create_async_engine(async_url(admin_url))
    seeded: dict[uuid.UUID, dict[str, dict[str, Any]]] = {}
    async with engine.begin() as conn:
        for tenant in tenants:
            created: dict[str, dict[str, Any]] = {}
            tenant_row = {"id": tenant, "name": "t", "slug": tenant.hex, "created_at": datetime.now(UTC)}
            await conn.execute(metadata.tables["tenants"].insert().values(**tenant_row))
            created["tenants"] = tenant_row
            user_row = _row(metadata.tables["users"], tenant, created)
            await conn.execute(metadata.tables["users"].insert().values(**user_row))
            created["users"] = user_row
            for table in TENANT_TABLES:
                row = _row(table, tenant, created)
                await conn.execute(table.insert().values(**row))
                created[table.name] = row
            seeded[tenant] = created
    await engine.dispose()
    return seeded


@pytest.fixture
async def two_tenants(database_factory: DatabaseFactory, db_name: str) -> dict[uuid.UUID, dict[str, Any]]:
    return await _seed(database_factory.admin_url_of(db_name), [uuid.uuid4(), uuid.uuid4()])


def test_every_tenant_owned_table_is_covered() -> None:
    assert len(TENANT_TABLES) >= 17
    assert {"orders", "items", "meli_accounts", "integration_events", "idempotency_keys"} <= {
        t.name for t in TENANT_TABLES
    }


async def test_policies_are_enabled_and_forced(db: Database) -> None:
    async with db.global_session() as session:
        rows = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY(:names)"
                ),
                params={"names": [t.name for t in TENANT_TABLES]},
            )
        ).all()
    assert {r[0] for r in rows} == {t.name for t in TENANT_TABLES}
    assert all(r[1] and r[2] for r in rows), rows


async def test_app_role_is_not_privileged(db: Database) -> None:
    async with db.global_session() as session:
        row = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
                )
            )
        ).one()
        owners = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT count(*) FROM pg_tables WHERE schemaname='public' AND tableowner = current_user"
                )
            )
        ).one()
    assert tuple(row) == (False, False)
    assert owners[0] == 0


async def test_tenant_reads_only_its_own_rows(db: Database, two_tenants: dict[uuid.UUID, Any]) -> None:
    a, b = list(two_tenants)
    for table in TENANT_TABLES:
        async with db.tenant(a) as session:
            count = (await session.exec(select(func.count()).select_from(table))).one()[0]  # type: ignore[call-overload]
            foreign = (
                await session.exec(  # type: ignore[call-overload]
                    select(func.count()).select_from(table).where(table.c.tenant_id == b)
                )
            ).one()[0]
            by_id = (
                await session.exec(  # type: ignore[call-overload]
                    select(func.count()).select_from(table).where(table.c.id == two_tenants[b][table.name]["id"])
                )
            ).one()[0]
        assert (count, foreign, by_id) == (1, 0, 0), table.name


async def test_tenant_cannot_change_or_delete_other_tenants_rows(
    db: Database, two_tenants: dict[uuid.UUID, Any]
) -> None:
    a, b = list(two_tenants)
    for table in reversed([t for t in TENANT_TABLES if t.name not in APPEND_ONLY]):
        b_id = two_tenants[b][table.name]["id"]
        async with db.tenant(a) as session:
            updated = await session.exec(table.update().where(table.c.id == b_id).values(tenant_id=a))  # type: ignore[call-overload]
            deleted = await session.exec(table.delete().where(table.c.id == b_id))  # type: ignore[call-overload]
        assert (updated.rowcount, deleted.rowcount) == (0, 0), table.name
    async with db.tenant(b) as session:
        for table in TENANT_TABLES:
            count = (await session.exec(select(func.count()).select_from(table))).one()[0]  # type: ignore[call-overload]
            assert count == 1, table.name


async def test_tenant_cannot_write_rows_for_another_tenant(db: Database, two_tenants: dict[uuid.UUID, Any]) -> None:
    a, b = list(two_tenants)
    for table in TENANT_TABLES:
        row = {**two_tenants[b][table.name], "id": uuid.uuid4(), "tenant_id": b}
        with pytest.raises(DBAPIError, match="row-level security"):
            async with db.tenant(a) as session:
                await session.exec(table.insert().values(**_unique(table, row)))  # type: ignore[call-overload]
        if table.name in APPEND_ONLY:
            continue
        with pytest.raises(DBAPIError, match="row-level security"):
            async with db.tenant(a) as session:
                own = two_tenants[a][table.name]["id"]
                await session.exec(table.update().where(table.c.id == own).values(tenant_id=b))  # type: ignore[call-overload]


def _unique(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Fresh values for unique columns, so only the policy can refuse the insert."""
    fresh = dict(row)
    for column in table.c:
        if column.unique and column.name in fresh and column.name != "id":
            fresh[column.name] = _value(table, column)
    return fresh


async def test_without_a_tenant_nothing_is_visible(db: Database, two_tenants: dict[uuid.UUID, Any]) -> None:
    for table in [*TENANT_TABLES, metadata.tables["tenants"]]:
        async with db.global_session() as session:
            count = (await session.exec(select(func.count()).select_from(table))).one()[0]  # type: ignore[call-overload]
            changed = 0 if table.name in APPEND_ONLY else (await session.exec(table.delete())).rowcount  # type: ignore[call-overload]
        assert (count, changed) == (0, 0), table.name


async def test_tenant_sees_only_itself_in_tenants(db: Database, two_tenants: dict[uuid.UUID, Any]) -> None:
    a, _ = list(two_tenants)
    async with db.tenant(a) as session:
        ids = (await session.exec(select(metadata.tables["tenants"].c.id))).all()  # type: ignore[call-overload]
    assert [row[0] for row in ids] == [a]
