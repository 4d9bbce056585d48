"""CSRF: a mutation riding on the session cookie alone needs the dashboard's header; Bearer callers and
reads do not; GET never runs a mutation."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from melihub.accounts import auth
from melihub.security import csrf
from melihub.testing.graphql import DASHBOARD_HEADERS, error_codes, gql, login
from tests.conftest import OWNER_PASSWORD

ME = "{ me { role } }"
LOGOUT = "mutation { logout { errors { code } } }"
CREATE = "mutation($n: String!) { createApiToken(name: $n, role: INTEGRATOR) { secret errors { code } } }"
TOKENS = "{ apiTokens { edges { node { name } } } }"


@pytest_asyncio.fixture
async def browser(app: object, tenant_a) -> AsyncIterator[httpx.AsyncClient]:
    """A signed-in browser on another site's page: the cookie goes along, the dashboard's header does not."""
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as client:
        assert (await login(client, "ana@aurora.example", OWNER_PASSWORD))["errors"] == []
        for name in DASHBOARD_HEADERS:
            client.headers.pop(name)
        yield client


async def _token_names(client: httpx.AsyncClient) -> list[str]:
    body = await gql(client, TOKENS, headers=DASHBOARD_HEADERS)
    return [edge["node"]["name"] for edge in body["data"]["apiTokens"]["edges"]]


async def test_a_cookie_mutation_without_the_header_is_refused_and_changes_nothing(browser: httpx.AsyncClient) -> None:
    refused = await gql(browser, CREATE, {"n": "forged"}, expect_status=403)
    assert error_codes(refused) == [csrf.CSRF_CODE] and refused["data"] is None
    assert "X-Melihub-CSRF" in refused["errors"][0]["message"]
    assert await _token_names(browser) == []

    logout = await gql(browser, LOGOUT, expect_status=403)
    assert error_codes(logout) == [csrf.CSRF_CODE]
    assert (await gql(browser, ME))["data"]["me"] == {"role": "OWNER"}, "the session was not signed out"


async def test_the_same_mutation_with_the_header_runs(browser: httpx.AsyncClient) -> None:
    created = await gql(browser, CREATE, {"n": "from the dashboard"}, headers=DASHBOARD_HEADERS)
    assert created["data"]["createApiToken"]["errors"] == []
    assert await _token_names(browser) == ["from the dashboard"]


async def test_cookie_reads_need_no_header(browser: httpx.AsyncClient) -> None:
    assert (await gql(browser, ME))["data"]["me"] == {"role": "OWNER"}
    assert (await browser.get("/graphql", params={"query": ME})).json()["data"]["me"] == {"role": "OWNER"}


async def test_a_document_hiding_a_mutation_beside_a_query_is_refused(browser: httpx.AsyncClient) -> None:
    document = f"query Me {ME}\nmutation Forge {CREATE.removeprefix('mutation')}"
    body = {"query": document, "variables": {"n": "hidden"}, "operationName": "Me"}
    response = await browser.post("/graphql", json=body)
    assert response.status_code == 403 and error_codes(response.json()) == [csrf.CSRF_CODE]
    assert await _token_names(browser) == []


async def test_get_never_runs_a_mutation(browser: httpx.AsyncClient) -> None:
    params = {"query": CREATE, "variables": '{"n": "by GET"}'}
    without = await browser.get("/graphql", params=params)
    assert without.status_code == 403 and error_codes(without.json()) == [csrf.CSRF_CODE]
    with_header = await browser.get("/graphql", params=params, headers=DASHBOARD_HEADERS)
    assert with_header.status_code == 400, with_header.text
    assert "mutations are not allowed when using get" in with_header.text.lower()
    assert await _token_names(browser) == []


async def test_bearer_callers_need_no_header_even_with_a_cookie_around(browser: httpx.AsyncClient) -> None:
    bearer = {"authorization": f"Bearer {browser.cookies[auth.ACCESS_COOKIE]}"}
    created = await gql(browser, CREATE, {"n": "bearer with cookie"}, headers=bearer)
    assert created["data"]["createApiToken"]["errors"] == []
    jar = dict(browser.cookies)
    browser.cookies.clear()
    created = await gql(browser, CREATE, {"n": "bearer alone"}, headers=bearer)
    assert created["data"]["createApiToken"]["errors"] == []
    browser.cookies.update(jar)
    assert sorted(await _token_names(browser)) == ["bearer alone", "bearer with cookie"]


async def test_signing_in_without_a_cookie_needs_no_header(app: object, tenant_a) -> None:
    # Integrators, the CLI and the GraphQL-over-HTTP audit post without cookies and without the header.
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as client:
        query = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
        body = await gql(client, query, {"e": "ana@aurora.example", "p": OWNER_PASSWORD})
        assert body["data"]["login"]["errors"] == []


async def test_cookie_posts_to_the_http_endpoints_need_the_header(browser: httpx.AsyncClient) -> None:
    path = f"/internal/integracoes/ml/reprocessar/{uuid.uuid4()}"
    refused = await browser.post(path)
    assert refused.status_code == 403 and refused.json()["error"] == csrf.CSRF_CODE
    resend = await browser.post("/api/notificacoes/pedido/no-such-order/pronto")
    assert resend.status_code == 403 and resend.json()["error"] == csrf.CSRF_CODE
    allowed = await browser.post(path, headers=DASHBOARD_HEADERS)
    assert allowed.status_code == 404 and allowed.json()["error"] == "NOT_FOUND"
    assert (await browser.get("/api/integracoes/eventos")).status_code == 200, "a cookie GET needs no header"


def test_the_guarded_cookies_are_the_session_cookies() -> None:
    assert set(csrf.SESSION_COOKIES) == {auth.ACCESS_COOKIE, auth.REFRESH_COOKIE}
