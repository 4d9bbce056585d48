"""Every recorded change is the next link of its tenant's hash chain, with its secrets redacted."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import create_tenant
from melihub.audit.chain import row_hash
from melihub.audit.models import AuditChainHead, AuditEntry
from melihub.audit.service import record
from melihub.audit.verify import verify_tenant
from melihub.db.engine import Database
from melihub.observability import clear_request_id, new_request_id
from melihub.testing.databases import DatabaseFactory

PASSWORD = "long enough password"


async def _tenant(db: Database, slug: str) -> tuple[Tenant, User]:
    return await create_tenant(
        db, name=slug.title(), owner_email=f"owner@{slug}.example", owner_password=PASSWORD, slug=slug
    )


def _owner(tenant: Tenant, user: User) -> Principal:
    return Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=user.id)


async def _chain(db: Database, tenant: Tenant) -> list[AuditEntry]:
    async with db.tenant(tenant.id) as session:
        return list((await session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))).all())


async def _head(db: Database, tenant: Tenant) -> AuditChainHead:
    async with db.tenant(tenant.id) as session:
        return (await session.exec(select(AuditChainHead))).one()


async def test_a_change_is_stored_with_who_what_where_and_links_to_the_previous_row(db: Database) -> None:
    tenant, owner = await _tenant(db, "aurora")
    new_request_id("req-audit-1")
    try:
        async with db.tenant(tenant.id) as session:
            await record(
                session,
                _owner(tenant, owner),
                "setUserRole",
                target_type="User",
                target_id="VXNlcjox",
                before={"role": "analyst"},
                after={"role": "admin"},
                ip="203.0.113.7",
                user_agent="Mozilla/5.0 (test)",
            )
    finally:
        clear_request_id()

    created, changed = await _chain(db, tenant)
    assert (created.seq, created.action, created.prev_hash) == (1, "tenant.created", None)
    assert created.target_id == str(tenant.id)  # existing callers pass a UUID
    assert changed.seq == 2 and changed.prev_hash == created.hash
    assert (changed.actor_user_id, changed.actor_token_id, changed.tenant_id) == (owner.id, None, tenant.id)
    assert (changed.action, changed.target_type, changed.target_id) == ("setUserRole", "User", "VXNlcjox")
    assert (changed.before, changed.after, changed.data) == ({"role": "analyst"}, {"role": "admin"}, {})
    assert (changed.ip, changed.user_agent, changed.request_id) == ("203.0.113.7", "Mozilla/5.0 (test)", "req-audit-1")
    assert all(entry.hash == row_hash(entry) and len(entry.hash) == 64 for entry in (created, changed))
    head = await _head(db, tenant)
    assert (head.seq, head.hash) == (2, changed.hash)


async def test_each_tenant_has_its_own_chain(db: Database) -> None:
    aurora, ana = await _tenant(db, "aurora")
    pampa, _ = await _tenant(db, "pampa")
    async with db.tenant(aurora.id) as session:
        await record(session, _owner(aurora, ana), "inviteUser")
    assert [e.seq for e in await _chain(db, aurora)] == [1, 2]
    assert [(e.seq, e.prev_hash) for e in await _chain(db, pampa)] == [(1, None)]


async def test_an_api_token_and_a_signing_in_user_are_recorded_as_actors(db: Database) -> None:
    tenant, owner = await _tenant(db, "aurora")
    token = Principal(tenant_id=tenant.id, role=Role.INTEGRATOR, method=AuthMethod.API_TOKEN, api_token_id=uuid.uuid4())
    async with db.tenant(tenant.id) as session:
        by_token = await record(session, token, "reprocessEvent")
        signed_in = await record(session, None, "login", tenant_id=tenant.id, actor_user_id=owner.id)
    assert (by_token.actor_user_id, by_token.actor_token_id) == (None, token.api_token_id)
    assert (signed_in.actor_user_id, signed_in.actor_token_id) == (owner.id, None)


async def test_a_system_action_needs_a_tenant(db: Database) -> None:
    async with db.global_session() as session:
        with pytest.raises(ValueError, match="tenant"):
            await record(session, None, "nightlySync")


async def test_secrets_are_redacted_before_they_are_hashed_or_stored(
    db: Database, database_factory: DatabaseFactory, db_name: str
) -> None:
    tenant, owner = await _tenant(db, "aurora")
    async with db.tenant(tenant.id) as session:
        await record(
            session,
            _owner(tenant, owner),
            "linkMeliAccount",
            before={"password": "hunter2-password", "nested": {"refresh_token": "TG-refresh-secret-1"}},
            after={"accessToken": "APP_USR-access-secret-2", "clients": [{"client_secret": "client-secret-3"}]},
            data={"token": "plain-token-secret-4", "note": "header was Bearer abc.def-secret-5", "role": "admin"},
        )
    entry = (await _chain(db, tenant))[-1]
    assert entry.before == {"password": "[redacted]", "nested": {"refresh_token": "[redacted]"}}
    assert entry.after == {"accessToken": "[redacted]", "clients": [{"client_secret": "[redacted]"}]}
    assert entry.data == {"token": "[redacted]", "note": "header was [redacted]", "role": "admin"}
    admin = Database(database_factory.admin_url_of(db_name), pool_size=1)
    try:
        async with admin.global_session() as session:
            stored = (await session.exec(text("SELECT row_to_json(a)::text FROM audit_log a"))).all()  # type: ignore[call-overload]
    finally:
        await admin.dispose()
    leaked = [word for word in ("hunter2", *(f"secret-{n}" for n in range(1, 6))) if word in stored[-1][0]]
    assert len(stored) == 2 and leaked == [], stored
    async with db.tenant(tenant.id) as session:
        assert (await verify_tenant(session, tenant.id, "aurora")).intact


async def test_values_jsonb_would_rewrite_still_verify(db: Database) -> None:
    """The hash covers the values as PostgreSQL gives them back: floats, -0.0, UUIDs, times, decimals."""
    tenant, owner = await _tenant(db, "aurora")
    facts = {
        "big": 1e20,
        "negative_zero": -0.0,
        "ratio": 0.1,
        "tiny": 1.5e-07,
        "id": uuid.UUID(int=7),
        "at": datetime(2026, 3, 1, 12, 30, tzinfo=UTC),
        "price": Decimal("19.90"),
        "tags": ("a", "b"),
        "text": "São Paulo — ação ✓",
    }
    async with db.tenant(tenant.id) as session:
        await record(session, _owner(tenant, owner), "updateListing", after=facts)
    stored = (await _chain(db, tenant))[-1]
    assert stored.after is not None
    assert stored.after["big"] == 10**20 and stored.after["price"] == "19.90" and stored.after["tags"] == ["a", "b"]
    assert stored.hash == row_hash(stored)


async def test_the_application_cannot_change_or_remove_audit_rows(db: Database) -> None:
    tenant, _ = await _tenant(db, "aurora")
    for statement in ("UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="permission denied"):
            async with db.tenant(tenant.id) as session:
                await session.exec(text(statement))  # type: ignore[call-overload]
    assert len(await _chain(db, tenant)) == 1


async def _writer(db: Database, principal: Principal, name: str, transactions: int, rows: int) -> None:
    for t in range(transactions):
        async with db.tenant(principal.tenant_id) as session:
            for r in range(rows):
                await record(session, principal, f"{name}.{t}.{r}")
                await asyncio.sleep(0)  # let the other writer run between rows of one transaction


async def test_concurrent_writers_of_one_tenant_extend_one_chain(db: Database) -> None:
    tenant, owner = await _tenant(db, "aurora")
    principal = _owner(tenant, owner)
    await asyncio.gather(*(_writer(db, principal, name, 4, 3) for name in ("left", "right", "third")))

    chain = await _chain(db, tenant)
    assert [entry.seq for entry in chain] == list(range(1, 1 + 1 + 3 * 4 * 3))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(chain))
    async with db.tenant(tenant.id) as session:
        report = await verify_tenant(session, tenant.id, "aurora")
    assert report.intact and report.rows == report.head_seq == 37


async def test_a_second_row_at_the_same_position_is_refused(db: Database) -> None:
    """What stops a fork if the chain head were ever bypassed: one row per (tenant, seq)."""
    tenant, _ = await _tenant(db, "aurora")
    first = (await _chain(db, tenant))[0]
    with pytest.raises(IntegrityError, match="ux_audit_log_tenant_seq"):
        async with db.tenant(tenant.id) as session:
            session.add(AuditEntry(tenant_id=tenant.id, action="fork", seq=first.seq, prev_hash=None, hash="x"))
