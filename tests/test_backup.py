"""`melihub backup create|restore`: a tenant's synced history, backed up and restored into a new database, answers
the same GraphQL as the original through the application role, with its policies and its key ring intact."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.accounts.models import Tenant, User
from melihub.app import create_app
from melihub.backup.archive import BackupError
from melihub.backup.service import opened_backup, restore_backup
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.connections.tokens import read_pair
from melihub.db.base import utcnow
from melihub.db.engine import async_url
from melihub.runtime import Services
from melihub.security.keyring import KeyRing, generate_key_spec
from melihub.sync import engine, service
from melihub.sync.models import RunStatus
from melihub.testing.databases import DatabaseFactory
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD, PUBLIC_URL, link_seller
from tests.sync.conftest import point_at

KEY_RING = [generate_key_spec("k2"), generate_key_spec("k1")]  # not the development key: the backup must carry it
PASSPHRASE = "a passphrase for the key ring"
# One operation per root field: together they would cost more than one operation may.
ANSWERS = (
    "{ meliAccounts(first: 10) { totalCount nodes { id mlUserId nickname siteId status tokenExpiresAt createdAt } } }",
    """{ orders(first: 50) { totalCount edges { cursor node {
      id mlId meliAccountId status statusDetail dateCreated dateClosed packId tags updatedAt
      totalAmount { amount currency } paidAmount { amount currency } buyer { id nickname }
      items { lineNo itemMlId title sku quantity unitPrice { amount currency } }
      shipment { id mlId status substatus logisticType }
    } } } }""",
    """{ listings(first: 50) { totalCount edges { cursor node {
      id mlId title status subStatus availableQuantity soldQuantity sku permalink logisticType freeShipping updatedAt
      price { amount currency } variations { id mlId sku availableQuantity price { amount currency } }
    } } } }""",
)


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """The reference world, its clock moved to now (as the sync tests run it)."""
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox(rebase_clock=True) as handle:
        yield handle


@pytest_asyncio.fixture
async def meli_services(services: Services, sandbox: Any) -> Services:
    services.keyring = KeyRing.from_specs(KEY_RING)
    return point_at(services, sandbox, token_keys=KEY_RING)


@pytest_asyncio.fixture
async def restored_name(database_factory: DatabaseFactory, db_name: str) -> AsyncIterator[str]:
    name = f"{db_name}_restored"
    yield name
    await database_factory.drop(name)


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """``melihub backup …`` as an operator runs it, in its own process (several may run at once)."""
    command = [sys.executable, "-m", "melihub", "backup", *args]
    return subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _result(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Exit code and stderr (one line per message: the CLI does not wrap)."""
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


async def _synced_history(http: httpx.AsyncClient, sandbox: Any, services: Services, tenant: Tenant) -> None:
    """Seller A linked through the real OAuth flow, then a year's backfill through the real sync engine."""
    assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
    async with services.db.tenant(tenant.id) as session:
        [(account_id,)] = (await session.exec(text("SELECT id FROM meli_accounts"))).all()
        await session.exec(text("DELETE FROM sync_runs"))
    run, _ = await service.queue_run(services, tenant.id, account_id, since=utcnow() - timedelta(days=360))
    outcome = await engine.execute(services, tenant.id, run.id)
    assert outcome.status == RunStatus.SUCCEEDED.value, outcome


async def _answers(http: httpx.AsyncClient) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for query in ANSWERS:
        body = await gql(http, query, {})
        assert not body.get("errors"), body
        data |= body["data"]
    return data


async def _answers_of_restored(services: Services, app_url: str, redis_url: str, owner: User) -> dict[str, Any]:
    """The same queries through a second application whose database is the restored one (the app role)."""
    restored = Services.create(services.settings, app_url, redis_url)
    application = create_app(restored)
    try:
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as http:
                assert (await login(http, owner.email, OWNER_PASSWORD))["errors"] == []
                return await _answers(http)
    finally:
        await restored.close()


async def _refusals(archive: Path, tmp_path: Path, settings: Settings, restored_admin_url: str) -> None:
    """What restore refuses, before any database changes (the CLI prints these messages and exits 1)."""
    with pytest.raises(BackupError, match="wrong passphrase"), opened_backup(archive, "not it"):
        pass
    bogus = tmp_path / "not-a-backup.tar"
    bogus.write_bytes(uuid.uuid4().bytes * 64)
    with pytest.raises(BackupError, match="is not a melihub backup"), opened_backup(bogus, None):
        pass

    def again() -> None:  # nothing is restored over data (restore runs its own event loops: off this one)
        with opened_backup(archive, PASSPHRASE) as backup:
            restore_backup(settings=settings, admin_url=restored_admin_url, backup=backup, embedded=False)

    with pytest.raises(BackupError, match="new, empty database"):
        await asyncio.to_thread(again)


async def _scalars(url: str, *queries: str) -> list[Any]:
    engine_ = create_async_engine(async_url(url))
    try:
        async with engine_.connect() as conn:
            return [(await conn.execute(text(query))).scalar() for query in queries]
    finally:
        await engine_.dispose()


POLICIES = (
    "SELECT string_agg(tablename || '.' || policyname || ':' || qual, ',' ORDER BY tablename, policyname)"
    " FROM pg_policies"
)
FORCED = "SELECT count(*) FROM pg_class WHERE relforcerowsecurity"


async def _account(services: Services, tenant: Tenant) -> MeliAccount:
    async with services.db.tenant(tenant.id) as session:
        return (await session.exec(text("SELECT * FROM meli_accounts"))).one()


async def test_a_restored_backup_answers_the_same_graphql(
    meli_client_http, meli_services, sandbox, tenant_a, database_factory, db_name, restored_name, clean_redis, tmp_path
) -> None:
    tenant, owner = tenant_a
    await _synced_history(meli_client_http, sandbox, meli_services, tenant)
    original = await _answers(meli_client_http)
    assert original["orders"]["totalCount"] > 0 and original["listings"]["totalCount"] > 0, original
    assert [a["status"] for a in original["meliAccounts"]["nodes"]] == ["ACTIVE"]

    archive = tmp_path / "melihub.tar"
    source_env = {"DATABASE_URL": database_factory.admin_url_of(db_name), "REDIS_URL": clean_redis}
    created = _start(
        ["create", "-o", str(archive)],
        {**source_env, "MELIHUB_TOKEN_KEYS": ",".join(KEY_RING), "MELIHUB_BACKUP_PASSPHRASE": PASSPHRASE},
    )
    code, stderr = _result(created)
    assert code == 0, stderr
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["database.dump", "keyring.enc", "manifest.json"]
        assert KEY_RING[0].split(":")[1].encode() not in tar.extractfile("keyring.enc").read()
    assert archive.stat().st_mode & 0o077 == 0

    # An operator on the new machine: another key ring configured (the development one), a new database.
    target_env = {"DATABASE_URL": database_factory.admin_url_of(restored_name), "REDIS_URL": clean_redis}
    keyring_file = tmp_path / "keyring.env"
    restore = ["restore", str(archive), "--passphrase", PASSPHRASE, "--keyring-out", str(keyring_file)]
    code, stderr = _result(_start(restore, target_env))
    assert code == 0, stderr
    assert keyring_file.read_text() == f"MELIHUB_TOKEN_KEYS={','.join(KEY_RING)}\n"
    assert "lacks keys of the backup's ring" in stderr
    await _refusals(archive, tmp_path, meli_services.settings, database_factory.admin_url_of(restored_name))

    app_url = database_factory.app_url_of(restored_name)
    assert await _answers_of_restored(meli_services, app_url, clean_redis, owner) == original
    # Row-level security came back with the tables: the app role sees nothing without a tenant.
    source_admin, target_admin = database_factory.admin_url_of(db_name), database_factory.admin_url_of(restored_name)
    assert await _scalars(target_admin, POLICIES, FORCED) == await _scalars(source_admin, POLICIES, FORCED)
    assert await _scalars(app_url, "SELECT count(*) FROM orders", "SELECT count(*) FROM items") == [0, 0]
    # The restored tokens decrypt with the key ring the restore handed back.
    account = await _account(meli_services, tenant)
    ring = KeyRing.from_specs(keyring_file.read_text().strip().partition("=")[2].split(","))
    restored_db = Services.create(meli_services.settings, app_url, clean_redis)
    try:
        restored_account = await _account(restored_db, tenant)
    finally:
        await restored_db.close()
    assert read_pair(restored_account, ring) == read_pair(account, meli_services.keyring)
