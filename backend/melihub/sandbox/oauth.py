"""OAuth 2.0 of the sandbox: authorize page (auto-approve), token endpoint with PKCE, rotation."""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from melihub.sandbox.core import SandboxConfig, Stats, error_body, ml_json
from melihub.sandbox.world import World

CODE_TTL_S = 600.0
SCOPE = "offline_access read write"
UNAUTHORIZED = {"code": "unauthorized", "message": "invalid access token"}
UNAUTHORIZED_LEGACY = {"message": "invalid_token", "error": "not_found", "status": 401, "cause": []}
INVALID_GRANT = "Error validating grant. Your authorization code or refresh token may be expired or it was already used"


@dataclass
class Grant:
    """What an access or refresh token stands for."""

    user_id: int
    client_id: str
    expires_at: float
    used: bool = False


@dataclass
class AuthCode:
    user_id: int
    client_id: str
    redirect_uri: str
    challenge: str | None
    method: str
    expires_at: float
    used: bool = False


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class OAuthServer:
    def __init__(self, world: World, config: SandboxConfig, stats: Stats) -> None:
        self.world, self.config, self.stats = world, config, stats
        self.codes: dict[str, AuthCode] = {}
        self.access: dict[str, Grant] = {}
        self.refresh: dict[str, Grant] = {}

    # ---- bearer tokens -----------------------------------------------------------------------

    def lookup(self, request: Request) -> Grant | None:
        """The grant of the request's ``Authorization: Bearer`` token (expired ones included)."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.access.get(token.strip())

    @staticmethod
    def valid(grant: Grant | None) -> bool:
        return grant is not None and grant.expires_at > time.time()

    def unauthorized(self) -> Response:
        return ml_json(UNAUTHORIZED_LEGACY if self.config.legacy_401 else UNAUTHORIZED, 401)

    def expire(self, user_id: int | None = None) -> int:
        past = time.time() - 1
        count = 0
        for grant in self.access.values():
            if (user_id is None or grant.user_id == user_id) and grant.expires_at > past:
                grant.expires_at = past
                count += 1
        return count

    def revoke(self, user_id: int) -> int:
        dead = [t for t, g in self.access.items() if g.user_id == user_id]
        dead_refresh = [t for t, g in self.refresh.items() if g.user_id == user_id]
        for token in dead:
            del self.access[token]
        for token in dead_refresh:
            del self.refresh[token]
        return len(dead) + len(dead_refresh)

    # ---- client checks -----------------------------------------------------------------------

    def _client_ok(self, client_id: str | None, secret: str | None = None, *, check_secret: bool = False) -> bool:
        others = self.config.applications or {}
        if client_id is not None and client_id in others:
            return not check_secret or secret == others[client_id]
        expected = self.config.client_id or str(self.world.app_id)
        if client_id != expected:
            return False
        return not (check_secret and self.config.client_secret and secret != self.config.client_secret)

    def _redirect_ok(self, redirect_uri: str | None) -> bool:
        if not redirect_uri:
            return False
        if self.config.redirect_uri:
            return redirect_uri == self.config.redirect_uri
        return urlsplit(redirect_uri).scheme in ("http", "https")

    # ---- GET /authorization ------------------------------------------------------------------

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        client_id, redirect_uri, state = q.get("client_id"), q.get("redirect_uri"), q.get("state", "")
        if q.get("response_type") != "code" or not self._client_ok(client_id) or not self._redirect_ok(redirect_uri):
            return HTMLResponse("<h1>Invalid authorization request</h1>", status_code=400)
        method = q.get("code_challenge_method", "S256" if q.get("code_challenge") else "")
        if q.get("code_challenge") and method not in ("S256", "plain"):
            return HTMLResponse("<h1>Unsupported code_challenge_method</h1>", status_code=400)
        user = q.get("user_id", "")
        if not (user.isdigit() and self.world.is_seller(int(user))):
            return self._form(request)
        code = f"TG-{secrets.token_hex(12)}-{user}"
        self.codes[code] = AuthCode(
            user_id=int(user),
            client_id=str(client_id),
            redirect_uri=str(redirect_uri),
            challenge=q.get("code_challenge"),
            method=method,
            expires_at=time.time() + CODE_TTL_S,
        )
        sep = "&" if "?" in str(redirect_uri) else "?"
        return RedirectResponse(f"{redirect_uri}{sep}{urlencode({'code': code, 'state': state})}", status_code=302)

    def _form(self, request: Request) -> HTMLResponse:
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in request.query_params.items()
            if k != "user_id"
        )
        options = "".join(
            f'<option value="{uid}">{html.escape(str(self.world.get("users", uid).get("nickname", uid)))}</option>'  # type: ignore[union-attr]
            for uid in self.world.sellers()
        )
        page = (
            "<!doctype html><html><head><meta charset='utf-8'><title>Mercado Livre sandbox</title></head><body>"
            "<h1>Autorizar aplicação</h1><form method='get' action='/authorization'>"
            f"{hidden}<label>Vendedor <select name='user_id'>{options}</select></label>"
            "<button type='submit'>Permitir</button></form></body></html>"
        )
        return HTMLResponse(page)

    # ---- POST /oauth/token -------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        if "application/json" in request.headers.get("content-type", ""):
            try:
                raw: Any = await request.json()
            except ValueError:
                raw = {}
            form = {str(k): str(v) for k, v in (raw or {}).items()} if isinstance(raw, dict) else {}
        else:
            form = {k: str(v) for k, v in (await request.form()).items()}
        grant_type = form.get("grant_type", "")
        request.state.client_id = form.get("client_id")
        if grant_type in self.stats.token_calls:
            self.stats.token_calls[grant_type] += 1
        if not form.get("client_id") or not grant_type:
            return _token_error(400, "invalid_request", "missing required parameter")
        if not self._client_ok(form.get("client_id"), form.get("client_secret"), check_secret=True):
            return _token_error(400, "invalid_client", "invalid client_id or client_secret")
        if grant_type == "authorization_code":
            return self._exchange(form)
        if grant_type == "refresh_token":
            return self._refresh(form)
        return _token_error(400, "unsupported_grant_type", f"unsupported grant_type {grant_type}")

    def _exchange(self, form: dict[str, str]) -> Response:
        code = self.codes.get(form.get("code", ""))
        if code is None or code.used or code.expires_at < time.time() or code.client_id != form["client_id"]:
            return _invalid_grant()
        code.used = True  # single use, whatever the outcome
        if form.get("redirect_uri") != code.redirect_uri:
            return _invalid_grant()
        if code.challenge:
            verifier = form.get("code_verifier", "")
            computed = s256(verifier) if code.method == "S256" else verifier
            if not verifier or not secrets.compare_digest(computed, code.challenge):
                return _invalid_grant()
        return self._issue(code.user_id, code.client_id)

    def _refresh(self, form: dict[str, str]) -> Response:
        grant = self.refresh.get(form.get("refresh_token", ""))
        if grant is None or grant.used or grant.client_id != form["client_id"] or grant.expires_at < time.time():
            return _invalid_grant()
        grant.used = True  # rotating: only the newest refresh token works
        return self._issue(grant.user_id, grant.client_id)

    def _issue(self, user_id: int, client_id: str) -> Response:
        now = time.time()
        ttl = int(self.config.token_ttl_s)
        stamp = datetime.now(UTC).strftime("%m%d%H")
        access = f"APP_USR-{client_id}-{stamp}-{secrets.token_hex(16)}-{user_id}"
        refresh = f"TG-{secrets.token_hex(12)}-{user_id}"
        self.access[access] = Grant(user_id, client_id, now + ttl)
        self.refresh[refresh] = Grant(user_id, client_id, now + 183 * 86400)
        body = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": ttl,
            "scope": SCOPE,
            "user_id": user_id,
            "refresh_token": refresh,
        }
        return ml_json(body)


def _invalid_grant() -> Response:
    return ml_json(error_body(400, INVALID_GRANT, "invalid_grant"), 400)


def _token_error(status: int, error: str, message: str) -> Response:
    return ml_json(error_body(status, message, error), status)
