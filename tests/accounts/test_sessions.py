"""Signing in, rotating refresh tokens, and what happens when one is replayed."""

from __future__ import annotations

import time
import uuid

import httpx

from melihub.accounts.auth import ACCESS_COOKIE, REFRESH_COOKIE
from melihub.security.jwt import AccessClaims, issue_access_token
from melihub.testing.graphql import error_codes, gql, login
from tests.conftest import OWNER_PASSWORD

ME = "{ me { role authMethod tenant { slug } user { email } } }"
REFRESH = "mutation($t: String) { refreshSession(refreshToken: $t) { accessExpiresAt errors { code message } } }"


async def test_login_sets_session_cookies_and_me_answers(client: httpx.AsyncClient, tenant_a) -> None:
    payload = await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert payload["errors"] == []
    assert payload["me"]["role"] == "OWNER"
    assert client.cookies.get(ACCESS_COOKIE) and client.cookies.get(REFRESH_COOKIE)
    body = await gql(client, ME)
    assert body["data"]["me"] == {
        "role": "OWNER",
        "authMethod": "SESSION",
        "tenant": {"slug": "aurora"},
        "user": {"email": "ana@aurora.example"},
    }


async def test_login_cookie_attributes(client: httpx.AsyncClient, tenant_a) -> None:
    query = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
    variables = {"e": "ana@aurora.example", "p": OWNER_PASSWORD}
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    cookies = response.headers.get_list("set-cookie")
    access = next(c for c in cookies if c.startswith(ACCESS_COOKIE))
    refresh = next(c for c in cookies if c.startswith(REFRESH_COOKIE))
    assert "HttpOnly" in access and "SameSite=lax" in access and "Max-Age=900" in access
    assert "HttpOnly" in refresh and "SameSite=strict" in refresh


async def test_wrong_password_and_unknown_email_fail_alike(client: httpx.AsyncClient, tenant_a) -> None:
    wrong = await login(client, "ana@aurora.example", "not the password")
    unknown = await login(client, "nobody@aurora.example", OWNER_PASSWORD)
    assert wrong["me"] is None and unknown["me"] is None
    assert wrong["errors"] == unknown["errors"]
    assert wrong["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    first_refresh = client.cookies[REFRESH_COOKIE]

    rotated = await gql(client, REFRESH)
    assert rotated["data"]["refreshSession"]["errors"] == []
    second_refresh = client.cookies[REFRESH_COOKIE]
    second_access = client.cookies[ACCESS_COOKIE]
    assert second_refresh != first_refresh

    replay = await gql(client, REFRESH, {"t": first_refresh})
    assert replay["data"]["refreshSession"]["errors"][0]["code"] == "TOKEN_REUSED"

    # The legitimate newest token is dead too, and so is the access token of that login.
    after = await gql(client, REFRESH, {"t": second_refresh})
    assert after["data"]["refreshSession"]["errors"][0]["code"] == "UNAUTHENTICATED"
    client.cookies.clear()
    denied = await gql(client, ME, token=second_access)
    assert error_codes(denied) == ["UNAUTHENTICATED"]


async def test_logout_stops_the_access_token_at_once(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    access = client.cookies[ACCESS_COOKIE]
    body = await gql(client, "mutation { logout { ok } }")
    assert body["data"]["logout"]["ok"] is True
    client.cookies.clear()
    assert error_codes(await gql(client, ME, token=access)) == ["UNAUTHENTICATED"]


async def test_forged_and_expired_jwts_are_refused(client: httpx.AsyncClient, services, tenant_a) -> None:
    tenant, user = tenant_a
    claims = AccessClaims(user.id, tenant.id, "owner", uuid.uuid4(), int(time.time()) + 300)
    forged = issue_access_token(claims, "some-other-secret-of-32-characters!")
    expired = issue_access_token(
        AccessClaims(user.id, tenant.id, "owner", uuid.uuid4(), int(time.time()) - 5),
        services.settings.jwt_secret.get_secret_value(),
    )
    valid = issue_access_token(claims, services.settings.jwt_secret.get_secret_value())
    for token in (forged, expired, "not-a-jwt"):
        body = await gql(client, ME, token=token)
        assert error_codes(body) == ["UNAUTHENTICATED"], token
        assert "Traceback" not in str(body)
    assert (await gql(client, ME, token=valid))["data"]["me"]["role"] == "OWNER"


async def test_login_picks_the_named_tenant(client: httpx.AsyncClient, services, tenant_a) -> None:
    from melihub.accounts.service import create_tenant

    await create_tenant(
        services.db, name="Segunda", owner_email="ana@aurora.example", owner_password="x" * 10, slug="segunda"
    )
    payload = await login(client, "ana@aurora.example", OWNER_PASSWORD, tenant="segunda")
    assert payload["me"]["tenant"]["slug"] == "segunda"
    missing = await login(client, "ana@aurora.example", OWNER_PASSWORD, tenant="pampa")
    assert missing["errors"][0]["code"] == "INVALID_CREDENTIALS"
