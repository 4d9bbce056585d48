"""OAuth 2.0 authorization code + PKCE (S256) against Mercado Livre (reference §2).

The authorize URL is built by authlib (``prepare_grant_uri`` with an S256 challenge). Token calls are plain form-encoded
POSTs to ``<api>/oauth/token`` made with httpx (authlib 1.9's client runs on the separate
``httpx2`` package, whose exceptions are not httpx's): that keeps one error mapping for the module.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import structlog
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from melihub.meli.config import AppCredentials, MeliClientConfig
from melihub.meli.errors import InvalidGrant, MeliError, Unavailable, error_for
from melihub.meli.models import TokenResponse

log = structlog.get_logger("melihub.meli.oauth")

_TOKEN_PATH = "/oauth/token"
# Only failures where the request surely never reached ML are retried: a code or refresh token is
# single use, so re-sending one that ML may have consumed would turn a blip into invalid_grant.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the seller, and what to keep (server side) until the callback."""

    url: str
    state: str
    code_verifier: str = field(repr=False)
    redirect_uri: str = ""


class MeliOAuth:
    """Authorize URL, code exchange and refresh. Stateless apart from its HTTP clients."""

    def __init__(self, config: MeliClientConfig, *, http: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(timeout=httpx.Timeout(config.timeout_s))

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    def authorization_url(
        self,
        site_id: str,
        *,
        redirect_uri: str | None = None,
        state: str | None = None,
        code_verifier: str | None = None,
        client_id: str | None = None,
    ) -> AuthorizationRequest:
        """The authorize URL on the auth domain of ``site_id`` with ``state`` and an S256 challenge
        (for ``client_id``'s application; the process's own by default)."""
        verifier = code_verifier or generate_token(64)
        redirect = redirect_uri or self.config.redirect_uri
        final_state = state or generate_token(32)
        url = prepare_grant_uri(
            f"{self.config.authorize_base(site_id)}/authorization",
            client_id=client_id or self.config.client_id,
            response_type="code",
            redirect_uri=redirect or None,
            state=final_state,
            code_challenge=create_s256_code_challenge(verifier),
            code_challenge_method="S256",
        )
        return AuthorizationRequest(url=url, state=final_state, code_verifier=verifier, redirect_uri=redirect)

    async def exchange_code(
        self,
        code: str,
        code_verifier: str | None,
        redirect_uri: str | None = None,
        *,
        credentials: AppCredentials | None = None,
    ) -> TokenResponse:
        """``grant_type=authorization_code``; ``InvalidGrant`` for a used/expired code or bad verifier."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri or self.config.redirect_uri,
        }
        if code_verifier:
            form["code_verifier"] = code_verifier
        return await self._token_call(form, credentials)

    async def refresh(self, refresh_token: str, *, credentials: AppCredentials | None = None) -> TokenResponse:
        """``grant_type=refresh_token``; ML rotates the refresh token (the old one dies)."""
        return await self._token_call({"grant_type": "refresh_token", "refresh_token": refresh_token}, credentials)

    async def check_credentials(self, credentials: AppCredentials) -> None:
        """Whether ML takes this application's id and secret, without a seller's grant.

        ML has no call for that (the reference lists only the code and refresh grants), so a refresh with a
        token that cannot exist is sent: ``invalid_client`` (raised as ``InvalidClient``) says the id or the
        secret is wrong, ``invalid_grant`` that both were taken (unsure: that ML checks the client first).
        """
        try:
            await self._token_call({"grant_type": "refresh_token", "refresh_token": "TG-melihub-probe-0"}, credentials)
        except InvalidGrant:
            return
        raise MeliError("the token endpoint took a refresh token that cannot exist", method="POST", path=_TOKEN_PATH)

    async def _token_call(self, form: dict[str, str], credentials: AppCredentials | None = None) -> TokenResponse:
        app = credentials or self.config.credentials
        body = {**form, "client_id": app.client_id, "client_secret": app.client_secret}
        grant = form["grant_type"]
        for attempt in range(self.config.max_retries + 1):
            started = time.monotonic()
            try:
                response = await self._http.post(
                    self.config.token_url, data=body, headers={"Accept": "application/json"}
                )
            except _NOT_SENT as exc:
                self._log(grant, None, started, attempt, type(exc).__name__)
                if attempt >= self.config.max_retries:
                    raise Unavailable(
                        f"token endpoint unreachable: {type(exc).__name__}", method="POST", path=_TOKEN_PATH
                    ) from None
                await asyncio.sleep(
                    random.uniform(0, min(self.config.backoff_cap_s, self.config.backoff_base_s * 2**attempt))
                )
                continue
            except httpx.HTTPError as exc:
                self._log(grant, None, started, attempt, type(exc).__name__)
                raise Unavailable(
                    f"token endpoint failed: {type(exc).__name__}", method="POST", path=_TOKEN_PATH
                ) from None
            self._log(grant, response.status_code, started, attempt, None)
            return self._parse(response)
        raise AssertionError("unreachable")  # pragma: no cover

    def _parse(self, response: httpx.Response) -> TokenResponse:
        if response.status_code == 200:
            try:
                data: Any = response.json()
                return TokenResponse.model_validate(data)
            except ValueError as exc:
                raise MeliError("unparseable token response", status=200, method="POST", path=_TOKEN_PATH) from exc
        # 400 invalid_grant -> InvalidGrant, invalid_client -> InvalidClient, 429 local_rate_limited ->
        # RateLimited, 5xx -> Unavailable: error_for classifies by status, then by ``error``.
        raise error_for(
            response.status_code,
            response.content,
            method="POST",
            path=_TOKEN_PATH,
            token_endpoint=True,
            retry_after=_retry_after(response),
        )

    @staticmethod
    def _log(grant: str, status: int | None, started: float, attempt: int, failure: str | None) -> None:
        log.info(
            "meli.oauth.token",
            grant_type=grant,
            status=status,
            attempt=attempt,
            failure=failure,
            latency_ms=round((time.monotonic() - started) * 1000, 1),
        )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
