"""mySessions lists the signed-in person's logins; revokeSession signs one out at once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from melihub.accounts.auth import ACCESS_COOKIE, REFRESH_COOKIE
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD, api_token_for

ANA = "ana@aurora.example"
SESSIONS = "{ mySessions { id createdAt lastUsedAt expiresAt userAgent ip current } }"
REVOKE = "mutation($id: ID!) { revokeSession(id: $id) { ok errors { code field } } }"
REFRESH = "mutation($t: String) { refreshSession(refreshToken: $t) { accessExpiresAt errors { code } } }"
ME = "{ me { user { email } } }"


@pytest_asyncio.fixture
async def phone(app: object) -> AsyncIterator[httpx.AsyncClient]:
    """Another device of the same person: its own cookies, address and browser."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.7", 5555))  # type: ignore[arg-type]
    headers = {"user-agent": "Mozilla/5.0 (iPhone) melihub-test"}
    async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test", headers=headers) as http:
        yield http


async def sessions_of(client: httpx.AsyncClient) -> list[dict]:
    body = await gql(client, SESSIONS)
    assert not body.get("errors"), body
    listed: list[dict] = body["data"]["mySessions"]
    return listed


async def test_each_login_is_listed_once_with_its_device(client: httpx.AsyncClient, phone, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    await login(phone, ANA, OWNER_PASSWORD)
    await gql(phone, REFRESH)  # a rotation is the same login, not another one
    listed = await sessions_of(client)
    assert len(listed) == 2
    mine = next(s for s in listed if s["current"])
    other = next(s for s in listed if not s["current"])
    assert other["ip"] == "198.51.100.7" and "iPhone" in other["userAgent"]
    assert mine["ip"] == "127.0.0.1" and other["lastUsedAt"] >= other["createdAt"]
    assert [s["current"] for s in await sessions_of(phone)].count(True) == 1


async def test_revoking_another_device_signs_it_out_at_once(client: httpx.AsyncClient, phone, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    await login(phone, ANA, OWNER_PASSWORD)
    phone_access, phone_refresh = phone.cookies[ACCESS_COOKIE], phone.cookies[REFRESH_COOKIE]
    other = next(s for s in await sessions_of(client) if not s["current"])

    answer = (await gql(client, REVOKE, {"id": other["id"]}))["data"]["revokeSession"]
    assert answer == {"ok": True, "errors": []}
    assert [s["current"] for s in await sessions_of(client)] == [True]
    phone.cookies.clear()
    assert error_codes(await gql(phone, ME, token=phone_access)) == ["UNAUTHENTICATED"]  # before its 15 minutes
    refused = (await gql(phone, REFRESH, {"t": phone_refresh}))["data"]["refreshSession"]
    assert refused["errors"][0]["code"] == "UNAUTHENTICATED"
    assert (await gql(client, ME))["data"]["me"]["user"]["email"] == ANA  # this device stays signed in

    again = (await gql(client, REVOKE, {"id": other["id"]}))["data"]["revokeSession"]
    assert again["errors"] == [{"code": "NOT_FOUND", "field": "id"}]


async def test_another_persons_session_is_not_found(
    client: httpx.AsyncClient, phone, services: Services, tenant_a, tenant_b
) -> None:
    await login(phone, "bruno@pampa.example", OWNER_PASSWORD)
    bruno_session = (await sessions_of(phone))[0]["id"]
    await login(client, ANA, OWNER_PASSWORD)
    for foreign in (bruno_session, gid("Session", "00000000-0000-0000-0000-000000000001"), gid("Listing", "1" * 32)):
        answer = (await gql(client, REVOKE, {"id": foreign}))["data"]["revokeSession"]
        assert answer == {"ok": False, "errors": [{"code": "NOT_FOUND", "field": "id"}]}
    assert (await gql(phone, ME))["data"]["me"]["user"]["email"] == "bruno@pampa.example"
    token = await api_token_for(services, tenant_a[0])
    assert (await gql(client, SESSIONS, token=token))["data"]["mySessions"] == []


async def test_a_colleagues_session_in_the_same_tenant_is_not_found(
    client: httpx.AsyncClient, phone, services: Services, tenant_a
) -> None:
    tenant, ana = tenant_a
    owner = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=ana.id)
    async with services.db.tenant(tenant.id) as session:
        colleague, password = await invite_user(session, owner, email="caio@aurora.example", role=Role.OPERATOR)
    assert password is not None
    await login(phone, colleague.user.email, password)
    theirs = (await sessions_of(phone))[0]["id"]
    await login(client, ANA, OWNER_PASSWORD)
    answer = (await gql(client, REVOKE, {"id": theirs}))["data"]["revokeSession"]
    assert answer["errors"] == [{"code": "NOT_FOUND", "field": "id"}]
    assert len(await sessions_of(phone)) == 1  # still signed in


async def test_signed_out_callers_get_unauthenticated(client: httpx.AsyncClient, tenant_a) -> None:
    assert error_codes(await gql(client, SESSIONS)) == ["UNAUTHENTICATED"]
