"""A small real OpenID Connect provider on a loopback port, for the SSO tests::

    with LocalOidcProvider(redirect_uri="http://melihub.test/auth/oidc/callback") as idp:
        idp.sign_in_as("ana@aurora.example")     # /authorize approves this person without a page
        idp.next_id_token(nonce="forged")         # one id_token with a claim replaced (or removed: None)

Authorization code flow with S256 PKCE only; the id_token is RS256-signed (authlib's jose) by a key
published at /jwks. It keeps what it was sent (``token_requests``) so tests can check the client's part.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
import warnings
from contextlib import ExitStack
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import unquote_plus, urlencode

from authlib.deprecate import AuthlibDeprecationWarning
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from melihub.testing.server import serve_in_thread

warnings.filterwarnings("ignore", category=AuthlibDeprecationWarning)
from authlib.jose import JsonWebKey, jwt  # noqa: E402

REMOVE = None  # next_id_token(claim=None) drops the claim


@dataclass
class _Grant:
    email: str
    nonce: str | None
    challenge: str
    redirect_uri: str


@dataclass
class Person:
    email: str
    name: str = ""
    email_verified: bool = True
    subject: str = field(default_factory=lambda: secrets.token_hex(8))


def new_signing_key(kid: str) -> Any:
    return JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": kid})


class LocalOidcProvider:
    def __init__(
        self,
        *,
        redirect_uri: str,
        client_id: str = "melihub-test",
        client_secret: str = "idp-client-secret",  # noqa: S107
    ) -> None:
        self.redirect_uri = redirect_uri
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = new_signing_key("test-key-1")
        self.person: Person | None = None
        self.deny = False  # /authorize answers error=access_denied
        self.email_in_id_token = True  # False: only /userinfo tells the e-mail
        self.overrides: dict[str, Any] = {}
        self.foreign_key: Any | None = None  # signs the next id_token instead of the published key
        self.token_requests: list[dict[str, str]] = []
        self.issued: list[dict[str, Any]] = []  # every token answer, for the no-secret-in-logs checks
        self._grants: dict[str, _Grant] = {}
        self._access: dict[str, Person] = {}
        self._stack = ExitStack()
        self.issuer = ""

    # ---- the test's controls -------------------------------------------------------------------

    def sign_in_as(self, email: str, *, name: str = "", email_verified: bool = True) -> Person:
        self.person = Person(email=email, name=name, email_verified=email_verified)
        return self.person

    def next_id_token(self, **claims: Any) -> None:
        """Replace (or, with None, remove) claims of the next id_token only."""
        self.overrides = dict(claims)

    def sign_next_with_foreign_key(self) -> None:
        self.foreign_key = new_signing_key("test-key-1")  # the same kid: only the signature tells

    # ---- lifecycle ------------------------------------------------------------------------------

    def __enter__(self) -> LocalOidcProvider:
        self.issuer = self._stack.enter_context(serve_in_thread(self.app()))
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stack.close()

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._configuration),
                Route("/authorize", self._authorize),
                Route("/token", self._token, methods=["POST"]),
                Route("/jwks", self._jwks),
                Route("/userinfo", self._userinfo),
            ]
        )

    # ---- endpoints -------------------------------------------------------------------------------

    async def _configuration(self, _request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "scopes_supported": ["openid", "email", "profile"],
            }
        )

    async def _authorize(self, request: Request) -> Response:
        q = request.query_params
        problem = self._authorize_problem(q)
        if problem:
            return JSONResponse({"error": problem}, status_code=400)
        back: dict[str, str] = {"state": q.get("state", "")}
        if self.deny or self.person is None:
            back["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(24)
            self._grants[code] = _Grant(self.person.email, q.get("nonce"), q["code_challenge"], q["redirect_uri"])
            back["code"] = code
        return RedirectResponse(f"{q['redirect_uri']}?{urlencode(back)}", status_code=302)

    def _authorize_problem(self, q: Any) -> str | None:
        if q.get("client_id") != self.client_id or q.get("redirect_uri") != self.redirect_uri:
            return "unauthorized_client"
        if q.get("response_type") != "code" or "openid" not in q.get("scope", "").split():
            return "invalid_request"
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return "invalid_request"
        return None

    async def _token(self, request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        self.token_requests.append(form)
        if not self._client_authenticated(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if _s256(form.get("code_verifier", "")) != grant.challenge:
            return JSONResponse({"error": "invalid_grant", "error_description": "PKCE verifier"}, status_code=400)
        assert self.person is not None
        access = secrets.token_urlsafe(24)
        self._access[access] = self.person
        answer = {"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": self._id_token(grant)}
        self.issued.append(answer)
        return JSONResponse(answer)

    def _client_authenticated(self, request: Request, form: dict[str, str]) -> bool:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            return (unquote_plus(user), unquote_plus(password)) == (self.client_id, self.client_secret)
        return (form.get("client_id"), form.get("client_secret")) == (self.client_id, self.client_secret)

    def _id_token(self, grant: _Grant) -> str:
        assert self.person is not None
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": self.person.subject,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        if self.email_in_id_token:
            claims.update(email=grant.email, email_verified=self.person.email_verified, name=self.person.name)
        for claim, value in self.overrides.items():
            if value is REMOVE:
                claims.pop(claim, None)
            else:
                claims[claim] = value
        self.overrides = {}
        key, self.foreign_key = self.foreign_key or self.key, None
        header = {"alg": "RS256", "kid": key.kid}
        return jwt.encode(header, claims, key).decode()

    async def _jwks(self, _request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(is_private=False)]})

    async def _userinfo(self, request: Request) -> Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        person = self._access.get(token)
        if person is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse(
            {"sub": person.subject, "email": person.email, "email_verified": person.email_verified, "name": person.name}
        )


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
