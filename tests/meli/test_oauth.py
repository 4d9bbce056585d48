"""Authorize URL (state + PKCE S256) and the code exchange end to end against the sandbox."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import SecretStr

from melihub.config import Settings
from melihub.meli import InvalidGrant, MeliClientConfig, MeliOAuth

from .conftest import REDIRECT_URI, SELLER_A, sandbox_config


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


async def test_authorize_url_per_site_has_state_and_s256_challenge() -> None:
    oauth = MeliOAuth(MeliClientConfig(client_id="123", client_secret="s", redirect_uri=REDIRECT_URI))
    try:
        request = oauth.authorization_url("MLA")
        parts = urlsplit(request.url)
        query = parse_qs(parts.query)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "auth.mercadolibre.com.ar", "/authorization")
        assert query["response_type"] == ["code"] and query["client_id"] == ["123"]
        assert query["redirect_uri"] == [REDIRECT_URI]
        assert query["state"] == [request.state] and len(request.state) >= 20
        assert query["code_challenge_method"] == ["S256"]
        assert query["code_challenge"] == [s256(request.code_verifier)]
        assert request.code_verifier not in request.url and request.code_verifier not in repr(request)
        assert urlsplit(oauth.authorization_url("MLB").url).netloc == "auth.mercadolivre.com.br"
        assert oauth.authorization_url("MLB").state != request.state
        with pytest.raises(ValueError):
            oauth.authorization_url("XXX")
    finally:
        await oauth.aclose()


def test_auth_url_overrides_from_settings_and_per_site() -> None:
    dev = Settings(env="development", meli_auth_url="http://sandbox:8100")  # type: ignore[arg-type]
    assert MeliClientConfig.from_settings(dev).authorize_base("MLA") == "http://sandbox:8100"
    per_site = MeliClientConfig.from_settings(dev, auth_urls={"MLA": "http://ar.local"})
    assert (
        per_site.authorize_base("MLA") == "http://ar.local" and per_site.authorize_base("MLB") == "http://sandbox:8100"
    )
    prod = Settings(
        env="production",
        meli_auth_url="http://sandbox:8100",
        jwt_secret=SecretStr("x" * 40),  # type: ignore[arg-type]
        token_keys=["k1:" + base64.urlsafe_b64encode(b"k" * 32).decode()],
        meli_client_secret=SecretStr("real"),
        db_app_password=SecretStr("real-password"),
        public_url="https://hub.example.com",
        database_url="postgresql://db/x",
        redis_url="redis://r/0",
    )
    config = MeliClientConfig.from_settings(prod)
    assert config.authorize_base("MLB") == "https://auth.mercadolivre.com.br"
    assert config.api_url == "https://api.mercadolibre.com" and "real" not in repr(config)


async def test_code_exchange_end_to_end(fresh_sandbox: Any) -> None:
    """Acceptance 8: authorize (auto-approved 302) -> code -> token; a replayed code is invalid_grant."""
    oauth = MeliOAuth(sandbox_config(fresh_sandbox.url))
    try:
        request = oauth.authorization_url(SELLER_A.site_id)
        assert request.url.startswith(f"{fresh_sandbox.url}/authorization?")
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"{request.url}&user_id={SELLER_A.ml_user_id}")
        assert answer.status_code == 302
        location = httpx.URL(answer.headers["location"])
        assert str(location).startswith(REDIRECT_URI) and location.params["state"] == request.state
        code = location.params["code"]

        token = await oauth.exchange_code(code, request.code_verifier, REDIRECT_URI)
        assert token.user_id == SELLER_A.ml_user_id and token.expires_in > 0
        assert token.access_token.startswith("APP_USR-") and token.refresh_token

        with pytest.raises(InvalidGrant):
            await oauth.exchange_code(code, request.code_verifier, REDIRECT_URI)  # single use
    finally:
        await oauth.aclose()


async def test_wrong_pkce_verifier_is_refused(fresh_sandbox: Any) -> None:
    oauth = MeliOAuth(sandbox_config(fresh_sandbox.url))
    try:
        request = oauth.authorization_url(SELLER_A.site_id)
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"{request.url}&user_id={SELLER_A.ml_user_id}")
        code = httpx.URL(answer.headers["location"]).params["code"]
        with pytest.raises(InvalidGrant):
            await oauth.exchange_code(code, "not-the-verifier-" + "x" * 40, REDIRECT_URI)
    finally:
        await oauth.aclose()
