"""Sign-in protection: lock-outs per account and per address in Redis, one generic error, every attempt audited."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from sqlmodel import col, select
from structlog.testing import capture_logs

from melihub.accounts import signin_guard
from melihub.accounts.models import Tenant, User
from melihub.audit.models import AuditEntry
from melihub.runtime import Services
from melihub.testing.graphql import gid, login
from tests.conftest import OWNER_PASSWORD

ANA = "ana@aurora.example"
WRONG = "not-the-password-x1"


@pytest_asyncio.fixture
async def other_address(app: object) -> AsyncIterator[httpx.AsyncClient]:
    """A second client whose requests come from another address."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 4321))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as http:
        yield http


async def failed_rows(services: Services, tenant: Tenant) -> list[AuditEntry]:
    async with services.db.tenant(tenant.id) as session:
        query = select(AuditEntry).where(AuditEntry.action == "login.failed").order_by(col(AuditEntry.seq))
        return list((await session.exec(query)).all())


async def test_unknown_user_bad_password_and_locked_answer_the_same(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    unknown = await login(client, "nobody@aurora.example", OWNER_PASSWORD)
    wrong = await login(client, ANA, WRONG)
    other_tenant = await login(client, ANA, OWNER_PASSWORD, tenant="pampa")
    for _ in range(services.settings.signin_account_max_failures):
        await login(client, ANA, WRONG)
    locked = await login(client, ANA, OWNER_PASSWORD)  # the right password, refused while locked
    assert unknown == wrong == other_tenant == locked
    assert locked["me"] is None
    assert [error["code"] for error in locked["errors"]] == ["INVALID_CREDENTIALS"]
    assert "nobody" not in json.dumps(unknown) and ANA not in json.dumps(locked)


async def test_unknown_emails_lock_out_exactly_like_real_ones(client: httpx.AsyncClient, services: Services) -> None:
    """Otherwise a lock-out would tell which addresses have an account."""
    attempt = signin_guard.Attempt.of("ghost@aurora.example", "127.0.0.1")
    for _ in range(services.settings.signin_account_max_failures):
        await login(client, "ghost@aurora.example", WRONG)
    assert await signin_guard.locked_for(services.redis, attempt) > 0


async def test_the_account_locks_after_n_failures_and_opens_when_the_lock_expires(
    client: httpx.AsyncClient, other_address: httpx.AsyncClient, services: Services, tenant_a, monkeypatch
) -> None:
    monkeypatch.setattr(services.settings, "signin_lockout_s", 2)
    limit = services.settings.signin_account_max_failures
    for _ in range(limit - 1):
        await login(client, ANA, WRONG)
    assert (await login(client, ANA, OWNER_PASSWORD))["me"] is not None  # under the limit; and it resets

    for _ in range(limit):
        await login(client, ANA, WRONG)
    attempt = signin_guard.Attempt.of(ANA, "127.0.0.1")
    assert 0 < await signin_guard.locked_for(services.redis, attempt) <= 2
    assert (await login(client, ANA, OWNER_PASSWORD))["me"] is None
    assert (await login(other_address, ANA, OWNER_PASSWORD))["me"] is None  # the account, from anywhere

    await asyncio.sleep(2.2)
    assert await signin_guard.locked_for(services.redis, attempt) == 0
    assert (await login(client, ANA, OWNER_PASSWORD))["me"]["user"]["email"] == ANA


async def test_a_successful_sign_in_clears_the_account_counter(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    limit = services.settings.signin_account_max_failures
    for _ in range(limit - 1):
        await login(client, ANA, WRONG)
    assert (await login(client, ANA, OWNER_PASSWORD))["me"] is not None
    for _ in range(limit - 1):  # counted from zero again: still under the limit
        await login(client, ANA, WRONG)
    assert (await login(client, ANA, OWNER_PASSWORD))["me"] is not None


async def test_one_address_is_locked_after_failures_on_many_accounts(
    client: httpx.AsyncClient, other_address: httpx.AsyncClient, services: Services, tenant_a, monkeypatch
) -> None:
    monkeypatch.setattr(services.settings, "signin_ip_max_failures", 4)
    for number in range(4):  # each account stays under its own limit
        await login(other_address, f"spray{number}@aurora.example", WRONG)
    assert (await login(other_address, ANA, OWNER_PASSWORD))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await login(client, ANA, OWNER_PASSWORD))["me"] is not None  # another address is not locked
    ttl = await services.redis.ttl(signin_guard.LOCK_KEY.format("ip", "203.0.113.9"))
    assert 0 < ttl <= services.settings.signin_lockout_s


async def test_every_failure_of_a_known_user_is_an_audit_row_without_secrets(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant, ana = tenant_a
    with capture_logs() as logs:
        await login(client, ANA, WRONG)
        await login(client, "nobody@aurora.example", WRONG)  # unknown: a log line, no tenant to hold a row
        for _ in range(services.settings.signin_account_max_failures):
            await login(client, ANA, WRONG)
    rows = await failed_rows(services, tenant)
    reasons = [row.data["reason"] for row in rows]
    assert reasons == ["bad_password"] * 5 + ["locked"]
    assert rows[4].data["lockedOut"] == ["account"]
    assert all(row.target_id == gid("User", ana.id) and row.ip == "127.0.0.1" for row in rows)
    failures = [line for line in logs if line["event"] == "signin.failed"]
    assert len(failures) == 7 and [line["known"] for line in failures[:2]] == [True, False]
    everything = json.dumps([row.model_dump(mode="json") for row in rows]) + json.dumps(logs, default=str)
    assert WRONG not in everything and OWNER_PASSWORD not in everything
    assert "nobody@aurora.example" not in everything and ANA not in everything


async def test_a_sign_in_is_audited(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    tenant, ana = tenant_a
    assert (await login(client, ANA, OWNER_PASSWORD))["me"] is not None
    async with services.db.tenant(tenant.id) as session:
        rows = (await session.exec(select(AuditEntry).where(AuditEntry.action == "login"))).all()
    assert [(row.actor_user_id, row.target_id) for row in rows] == [(ana.id, gid("User", ana.id))]
    assert OWNER_PASSWORD not in json.dumps([row.model_dump(mode="json") for row in rows])


@pytest.mark.parametrize("email", ["", "not an e-mail", "x" * 500 + "@aurora.example"])
async def test_malformed_emails_are_plain_failures(client: httpx.AsyncClient, tenant_a, email: str) -> None:
    assert (await login(client, email, WRONG))["errors"][0]["code"] == "INVALID_CREDENTIALS"
