"""OpenID Connect sign-in through the real app against a real local provider (melihub.testing.oidc_provider).

The browser is one httpx client that follows redirects: the app in process (``melihub.test``), the provider
on a loopback port, the app's own calls to the provider over the network.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio
from pydantic import SecretStr
from sqlmodel import col, select

from melihub.accounts import sso, sso_signin
from melihub.accounts.auth import ACCESS_COOKIE, REFRESH_COOKIE
from melihub.accounts.models import Tenant, User
from melihub.app import create_app
from melihub.audit.models import AuditEntry
from melihub.runtime import Services
from melihub.testing.graphql import gid, gql
from melihub.testing.oidc_provider import LocalOidcProvider, new_signing_key
from tests.conftest import PUBLIC_URL

ME = "{ me { role authMethod tenant { slug } user { email } } }"
PROVIDERS = "{ ssoProviders { name startUrl } }"
CALLBACK = f"{PUBLIC_URL}/auth/oidc/callback"


@pytest.fixture
def idp() -> Iterator[LocalOidcProvider]:
    sso._metadata.clear()  # a loopback port (so an issuer URL) may come back in a later test with new keys
    sso._keys.clear()
    with LocalOidcProvider(redirect_uri=CALLBACK) as provider:
        yield provider


def sso_settings(services: Services, idp: LocalOidcProvider, **extra: Any) -> None:
    services.settings = services.settings.model_copy(
        update={
            "public_url": PUBLIC_URL,
            "oidc_issuer": idp.issuer,
            "oidc_client_id": idp.client_id,
            "oidc_client_secret": SecretStr(idp.client_secret),
            "oidc_tenants": ["aurora"],
            "oidc_provider_name": "Aurora ID",
            **extra,
        }
    )


@pytest_asyncio.fixture
async def browser(services: Services, idp: LocalOidcProvider, tenant_a: Any) -> AsyncIterator[httpx.AsyncClient]:
    sso_settings(services, idp)
    application = create_app(services)
    async with application.router.lifespan_context(application):
        mounts = {"http://melihub.test": httpx.ASGITransport(app=application)}
        async with httpx.AsyncClient(base_url=PUBLIC_URL, mounts=mounts, follow_redirects=True) as http:  # type: ignore[arg-type]
            yield http


def refusal(response: httpx.Response) -> str | None:
    """The ``sso_error`` code the flow ended on (None: signed in), once it landed on the dashboard."""
    landed = next(r for r in [*response.history, response] if r.url.host == "melihub.test" and r.url.path == "/")
    return parse_qs(urlsplit(str(landed.url)).query).get("sso_error", [None])[0]


async def sign_in(browser: httpx.AsyncClient, path: str = "/auth/oidc/start") -> httpx.Response:
    return await browser.get(path)


async def audit_rows(services: Services, tenant: Tenant, action: str) -> list[AuditEntry]:
    async with services.db.tenant(tenant.id) as session:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.seq))
        return list((await session.exec(query)).all())


def log_copy() -> Path:
    return Path(os.environ["MELIHUB_LOG_COPY"].replace("{pid}", str(os.getpid())))


async def test_full_flow_signs_in_with_the_session_of_a_password_login(
    services: Services, browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: tuple[Tenant, User]
) -> None:
    logs_before = log_copy().stat().st_size if log_copy().exists() else 0
    idp.sign_in_as("Ana@Aurora.example", name="Ana")
    response = await sign_in(browser)

    hops = [(r.status_code, r.url.host, r.url.path) for r in response.history]
    assert hops[0] == (302, "melihub.test", "/auth/oidc/start")
    assert hops[1][0:3] == (302, "127.0.0.1", "/authorize")
    assert hops[2] == (303, "melihub.test", "/auth/oidc/callback")
    assert refusal(response) is None
    assert browser.cookies.get(ACCESS_COOKIE) and browser.cookies.get(REFRESH_COOKIE)
    assert "set-cookie" in response.history[2].headers
    me = await gql(browser, ME)
    assert me["data"]["me"] == {
        "role": "OWNER",
        "authMethod": "SESSION",
        "tenant": {"slug": "aurora"},
        "user": {"email": "ana@aurora.example"},
    }

    # The client's half at the provider: the PKCE verifier sent, the secret in Basic auth, not in the form.
    (token_call,) = idp.token_requests
    assert token_call["code_verifier"] and "client_secret" not in token_call
    authorize = parse_qs(urlsplit(str(response.history[1].url)).query)
    assert authorize["code_challenge_method"] == ["S256"] and authorize["nonce"][0] and authorize["state"][0]
    assert authorize["scope"] == ["openid email profile"]

    (row,) = await audit_rows(services, tenant_a[0], sso_signin.SIGNED_IN)
    assert row.actor_user_id == tenant_a[1].id and row.target_id == gid("User", tenant_a[1].id)
    assert row.data["method"] == "oidc" and row.data["issuer"] == idp.issuer and row.ip
    (issued,) = idp.issued
    secrets_sent = [idp.client_secret, issued["id_token"], issued["access_token"]]
    stored = json.dumps([row.data, row.before, row.after])
    assert not [s for s in secrets_sent if s in stored]
    logged = log_copy().read_text(encoding="utf-8")[logs_before:]
    assert "sso.signed_in" in logged  # the log copy is read at all
    assert not [s for s in secrets_sent if s in logged]


async def test_the_session_refreshes_and_logs_out_like_a_password_one(
    browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    idp.sign_in_as("ana@aurora.example")
    assert refusal(await sign_in(browser)) is None
    browser.headers["x-melihub-csrf"] = "1"  # what the dashboard sends with cookie-authenticated mutations
    refreshed = await gql(browser, "mutation { refreshSession { errors { code } } }")
    assert refreshed["data"]["refreshSession"]["errors"] == []
    assert (await gql(browser, ME))["data"]["me"]["user"]["email"] == "ana@aurora.example"


async def test_userinfo_tells_the_email_when_the_id_token_does_not(
    browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    idp.sign_in_as("ana@aurora.example")
    idp.email_in_id_token = False
    assert refusal(await sign_in(browser)) is None
    assert (await gql(browser, ME))["data"]["me"]["user"]["email"] == "ana@aurora.example"


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"nonce": "not-the-flows-nonce"}, "wrong nonce"),
        ({"nonce": None}, "no nonce"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
        ({"iss": "https://idp.elsewhere.example"}, "foreign issuer"),
        ({"aud": "another-client"}, "wrong audience"),
    ],
)
async def test_a_bad_id_token_is_refused_and_audited(
    services: Services,
    browser: httpx.AsyncClient,
    idp: LocalOidcProvider,
    tenant_a: tuple[Tenant, User],
    claims: dict[str, Any],
    why: str,
) -> None:
    idp.sign_in_as("ana@aurora.example")
    idp.next_id_token(**claims)
    response = await sign_in(browser)
    assert refusal(response) == "SSO_TOKEN_INVALID", why
    assert browser.cookies.get(ACCESS_COOKIE) is None
    assert (await gql(browser, ME))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    (row,) = await audit_rows(services, tenant_a[0], sso_signin.FAILED)
    assert row.data == {"method": "oidc", "reason": "SSO_TOKEN_INVALID"}
    assert await audit_rows(services, tenant_a[0], sso_signin.SIGNED_IN) == []


async def test_an_id_token_signed_by_another_key_is_refused(
    browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    idp.sign_in_as("ana@aurora.example")
    idp.sign_next_with_foreign_key()
    assert refusal(await sign_in(browser)) == "SSO_TOKEN_INVALID"
    assert browser.cookies.get(ACCESS_COOKIE) is None


async def test_an_unknown_email_is_refused_with_a_code_and_audited(
    services: Services, browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: tuple[Tenant, User]
) -> None:
    person = idp.sign_in_as("nobody@aurora.example")
    assert refusal(await sign_in(browser)) == "SSO_UNKNOWN_USER"
    assert browser.cookies.get(ACCESS_COOKIE) is None
    (row,) = await audit_rows(services, tenant_a[0], sso_signin.FAILED)
    assert row.data == {
        "method": "oidc",
        "reason": "SSO_UNKNOWN_USER",
        "subject": person.subject,
        "email_domain": "aurora.example",
    }
    assert row.actor_user_id is None


async def test_a_member_of_a_company_not_configured_for_sso_is_refused(
    browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any, tenant_b: Any
) -> None:
    idp.sign_in_as("bruno@pampa.example")  # a member of pampa; the provider signs into aurora only
    assert refusal(await sign_in(browser)) == "SSO_UNKNOWN_USER"
    assert refusal(await sign_in(browser, "/auth/oidc/start?tenant=pampa")) == "SSO_TENANT_UNKNOWN"


async def test_an_unverified_email_and_a_denial_are_refused(
    browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    idp.sign_in_as("ana@aurora.example", email_verified=False)
    assert refusal(await sign_in(browser)) == "SSO_EMAIL_UNVERIFIED"
    idp.deny = True
    assert refusal(await sign_in(browser)) == "SSO_DENIED"
    assert browser.cookies.get(ACCESS_COOKIE) is None


async def test_state_is_single_use_and_bound_to_the_browser_that_started(
    services: Services, browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    idp.sign_in_as("ana@aurora.example")
    started = await browser.get("/auth/oidc/start", follow_redirects=False)
    async with httpx.AsyncClient() as at_the_provider:
        approved = await at_the_provider.get(started.headers["location"])
    callback = approved.headers["location"]

    # Another browser (no binding cookie) handed the callback URL: refused, and the flow is spent.
    application = create_app(services)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as victim:
            planted = await victim.get(callback)
    assert planted.headers["location"] == "/?sso_error=SSO_STATE_INVALID"
    assert ACCESS_COOKIE not in planted.cookies
    replayed = await browser.get(callback, follow_redirects=False)
    assert replayed.headers["location"] == "/?sso_error=SSO_STATE_INVALID"

    # A state melihub never issued.
    forged = await browser.get("/auth/oidc/callback?state=forged&code=whatever", follow_redirects=False)
    assert forged.headers["location"] == "/?sso_error=SSO_STATE_INVALID"

    # A completed flow's callback replayed by the same browser.
    done = await sign_in(browser)
    assert refusal(done) is None
    again = await browser.get(str(done.history[2].url), follow_redirects=False)
    assert again.headers["location"] == "/?sso_error=SSO_STATE_INVALID"


async def test_starts_are_limited_per_address(browser: httpx.AsyncClient, idp: LocalOidcProvider) -> None:
    for _ in range(sso.STARTS_PER_MINUTE):
        assert (await browser.get("/auth/oidc/start", follow_redirects=False)).status_code == 302
    limited = await browser.get("/auth/oidc/start", follow_redirects=False)
    assert limited.headers["location"] == "/?sso_error=SSO_RATE_LIMITED"


async def test_the_login_page_learns_the_provider_signed_out(
    services: Services, browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    body = await gql(browser, PROVIDERS)
    assert body["data"]["ssoProviders"] == [{"name": "Aurora ID", "startUrl": "/auth/oidc/start"}]


async def test_without_an_issuer_sso_is_off(client: httpx.AsyncClient, tenant_a: Any) -> None:
    assert (await gql(client, PROVIDERS))["data"]["ssoProviders"] == []
    response = await client.get("/auth/oidc/start")
    assert response.status_code == 303 and response.headers["location"] == "/?sso_error=SSO_NOT_CONFIGURED"


def test_the_client_secret_is_not_in_the_providers_repr() -> None:
    from melihub.config import Settings

    settings = Settings(
        env="test",  # type: ignore[arg-type]
        oidc_issuer="https://idp.example",
        oidc_client_id="melihub",
        oidc_client_secret=SecretStr("s3cr3t-value"),
        oidc_tenants="aurora,pampa",  # type: ignore[arg-type]
    )
    provider = sso.OidcProvider.from_settings(settings)
    assert provider is not None and provider.tenants == ("aurora", "pampa")
    assert "s3cr3t-value" not in repr(provider) and "s3cr3t-value" not in repr(settings)


async def test_keys_rotated_at_the_provider_are_read_again(
    browser: httpx.AsyncClient, idp: LocalOidcProvider, tenant_a: Any
) -> None:
    idp.sign_in_as("ana@aurora.example")
    assert refusal(await sign_in(browser)) is None  # the keys are cached now
    idp.key = new_signing_key("test-key-2")
    browser.cookies.clear()
    assert refusal(await sign_in(browser)) is None


def test_an_hs256_token_keyed_with_the_public_key_is_refused(idp: LocalOidcProvider) -> None:
    """Algorithm confusion: the published RSA key used as an HMAC secret must not verify anything."""
    from authlib.jose import JsonWebKey, jwt

    provider = sso.OidcProvider(
        issuer=idp.issuer,
        client_id=idp.client_id,
        client_secret=None,
        scopes="openid",
        name="x",
        tenants=("aurora",),
        redirect_uri=CALLBACK,
    )
    now = int(time.time())
    claims = {"iss": idp.issuer, "aud": idp.client_id, "sub": "1", "iat": now, "exp": now + 60, "nonce": "n"}
    forged = hs256({"alg": "HS256", "kid": idp.key.kid}, claims, idp.key.as_pem(is_private=False))
    keys = JsonWebKey.import_key_set({"keys": [idp.key.as_dict(is_private=False)]})
    with pytest.raises(sso.SsoError) as refused:
        sso.validate_id_token(forged, keys, provider, "n")
    assert refused.value.code == "SSO_TOKEN_INVALID"
    genuine = jwt.encode({"alg": "RS256", "kid": idp.key.kid}, claims, idp.key).decode()
    assert sso.validate_id_token(genuine, keys, provider, "n")["sub"] == "1"


def hs256(header: dict[str, Any], claims: dict[str, Any], secret: bytes) -> str:
    """A JWT signed by hand (authlib rightly refuses to take a PEM as an HMAC key)."""

    def part(value: bytes) -> str:
        return base64.urlsafe_b64encode(value).rstrip(b"=").decode()

    signing_input = f"{part(json.dumps(header).encode())}.{part(json.dumps(claims).encode())}"
    return f"{signing_input}.{part(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())}"
