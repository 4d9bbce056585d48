"""OAuth of the sandbox: PKCE checked, single-use codes, rotating refresh tokens, expiry and revocation."""

from __future__ import annotations

import secrets

import httpx

from melihub.sandbox.testing import SandboxHandle, running_sandbox
from melihub.testing.fixtures import SELLER_A, SELLER_B

from .conftest import CLIENT_ID, REDIRECT_URI, authorize_code, login, token_call

INVALID_GRANT = "invalid_grant"


def exchange(url: str, code: str, verifier: str | None, redirect_uri: str = REDIRECT_URI) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if verifier is not None:
        form["code_verifier"] = verifier
    return token_call(url, **form)


def me(url: str, token: str) -> httpx.Response:
    return httpx.get(f"{url}/users/me", headers={"Authorization": f"Bearer {token}"})


def test_pkce_verifier_is_checked_and_codes_are_single_use(sandbox: SandboxHandle) -> None:
    verifier = secrets.token_urlsafe(48)
    wrong = exchange(sandbox.url, authorize_code(sandbox.url, SELLER_A, verifier=verifier), "x" * 50)
    assert wrong.status_code == 400 and wrong.json()["error"] == INVALID_GRANT
    missing = exchange(sandbox.url, authorize_code(sandbox.url, SELLER_A, verifier=verifier), None)
    assert missing.status_code == 400 and missing.json()["error"] == INVALID_GRANT

    code = authorize_code(sandbox.url, SELLER_A, verifier=verifier)
    assert exchange(sandbox.url, code, verifier, redirect_uri="http://127.0.0.1:9/other").status_code == 400
    code = authorize_code(sandbox.url, SELLER_A, verifier=verifier)
    first = exchange(sandbox.url, code, verifier)
    assert first.status_code == 200 and first.json()["user_id"] == SELLER_A
    replay = exchange(sandbox.url, code, verifier)
    assert replay.status_code == 400 and replay.json()["error"] == INVALID_GRANT
    assert me(sandbox.url, first.json()["access_token"]).json()["id"] == SELLER_A


def test_authorize_page_without_user_is_a_form_and_unknown_client_is_refused(sandbox: SandboxHandle) -> None:
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "state": "s1"}
    page = httpx.get(f"{sandbox.url}/authorization", params=params)
    assert page.status_code == 200 and "<form" in page.text and "LOJA_CASA_AURORA" in page.text
    refused = httpx.get(f"{sandbox.url}/authorization", params={**params, "client_id": "999", "user_id": SELLER_A})
    assert refused.status_code == 400
    bad_client = token_call(sandbox.url, grant_type="refresh_token", refresh_token="TG-x", client_id="999")
    assert bad_client.status_code == 400 and bad_client.json()["error"] == "invalid_client"
    assert httpx.get(f"{sandbox.url}/oauth/token").status_code == 405  # POST only


def test_refresh_rotates_and_reuse_is_invalid_grant(sandbox: SandboxHandle) -> None:
    first = login(sandbox.url, SELLER_A)
    before = sandbox.stats()["token_calls"]["refresh_token"]
    rotated = token_call(sandbox.url, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert rotated.status_code == 200
    body = rotated.json()
    assert body["refresh_token"] != first["refresh_token"] and body["access_token"] != first["access_token"]
    reused = token_call(sandbox.url, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert reused.status_code == 400 and reused.json()["error"] == INVALID_GRANT and reused.json()["status"] == 400
    again = token_call(sandbox.url, grant_type="refresh_token", refresh_token=body["refresh_token"])
    assert again.status_code == 200
    assert sandbox.stats()["token_calls"]["refresh_token"] - before == 3


def test_expired_tokens_get_the_401_body_then_refresh_works(sandbox: SandboxHandle) -> None:
    a, b = login(sandbox.url, SELLER_A), login(sandbox.url, SELLER_B)
    assert sandbox.expire_tokens(SELLER_A) >= 1
    expired = me(sandbox.url, a["access_token"])
    assert expired.status_code == 401 and expired.json() == {"code": "unauthorized", "message": "invalid access token"}
    assert me(sandbox.url, b["access_token"]).status_code == 200  # only seller A's tokens
    fresh = token_call(sandbox.url, grant_type="refresh_token", refresh_token=a["refresh_token"]).json()
    assert me(sandbox.url, fresh["access_token"]).json()["id"] == SELLER_A
    sandbox.expire_tokens()
    assert me(sandbox.url, b["access_token"]).status_code == 401
    assert me(sandbox.url, "garbage").status_code == 401
    query_token = httpx.get(f"{sandbox.url}/users/me", params={"access_token": fresh["access_token"]})
    assert query_token.status_code == 401  # only the Authorization header counts


def test_revoke_kills_access_and_refresh(sandbox: SandboxHandle) -> None:
    grant = login(sandbox.url, SELLER_B)
    assert sandbox.revoke(SELLER_B) >= 2
    assert me(sandbox.url, grant["access_token"]).status_code == 401
    refused = token_call(sandbox.url, grant_type="refresh_token", refresh_token=grant["refresh_token"])
    assert refused.status_code == 400 and refused.json()["error"] == INVALID_GRANT
    assert me(sandbox.url, login(sandbox.url, SELLER_B)["access_token"]).status_code == 200  # may link again


def test_token_ttl_is_configurable_and_strict_mode() -> None:
    with running_sandbox(client_id="42", client_secret="s3cret", redirect_uri=REDIRECT_URI, token_ttl_s=60) as sb:
        verifier = secrets.token_urlsafe(48)
        code = authorize_code(sb.url, SELLER_A, verifier=verifier, client_id="42")
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
        wrong_secret = token_call(sb.url, **form, code_verifier=verifier, client_id="42", client_secret="nope")
        assert wrong_secret.status_code == 400 and wrong_secret.json()["error"] == "invalid_client"
        # a refused client does not spend the code
        ok = token_call(sb.url, **form, code_verifier=verifier, client_id="42", client_secret="s3cret")
        assert ok.status_code == 200 and ok.json()["expires_in"] == 60
        other_redirect = httpx.get(
            f"{sb.url}/authorization",
            params={"response_type": "code", "client_id": "42", "redirect_uri": "http://evil.example/cb", "state": "x"},
        )
        assert other_redirect.status_code == 400
