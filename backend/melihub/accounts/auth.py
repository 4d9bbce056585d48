"""Who is calling: an access JWT (cookie or Bearer) or an API token (Bearer), checked per request."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping

from redis.asyncio import Redis
from starlette.responses import Response

from melihub.accounts.api_tokens import API_TOKEN_KIND, authenticate_api_token
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthError, AuthMethod, Principal
from melihub.accounts.sessions import IssuedSession
from melihub.config import Settings
from melihub.db.engine import Database
from melihub.security.jwt import InvalidAccessToken, read_access_token

ACCESS_COOKIE = "melihub_access"
REFRESH_COOKIE = "melihub_refresh"
REVOKED_FAMILY_KEY = "melihub:auth:revoked-family:{}"
# When a member's role or account limit last changed: access JWTs issued before carry the old claims.
MEMBER_CHANGED_KEY = "melihub:auth:member-changed:{}:{}"


def bearer_of(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthError("Authorization header must be 'Bearer <token>'")
    return value.strip()


async def resolve_principal(
    *, db: Database, redis: Redis, settings: Settings, authorization: str | None, cookies: Mapping[str, str]
) -> Principal | None:
    """The caller, None when no credentials were presented; AuthError when they are bad."""
    token = bearer_of(authorization) or cookies.get(ACCESS_COOKIE)
    if not token:
        return None
    if token.startswith(f"{API_TOKEN_KIND}_"):
        return await authenticate_api_token(db, token)
    try:
        claims = read_access_token(token, settings.jwt_secret.get_secret_value())
    except InvalidAccessToken as exc:
        raise AuthError(str(exc)) from None
    revoked, changed_at = await redis.mget(
        REVOKED_FAMILY_KEY.format(claims.session_family), MEMBER_CHANGED_KEY.format(claims.tenant_id, claims.user_id)
    )
    if revoked:
        raise AuthError("session was signed out")
    if changed_at is not None and claims.issued_at < int(changed_at):
        raise AuthError("your role or accounts changed: refresh the session")
    return Principal(
        tenant_id=claims.tenant_id,
        role=Role(claims.role),
        method=AuthMethod.SESSION,
        user_id=claims.user_id,
        session_family=claims.session_family,
        meli_account_ids=frozenset(claims.meli_account_ids) if claims.meli_account_ids is not None else None,
    )


async def mark_family_revoked(redis: Redis, settings: Settings, family: uuid.UUID) -> None:
    """Access JWTs of a revoked login stop working now, not when they expire."""
    await redis.set(REVOKED_FAMILY_KEY.format(family), "1", ex=settings.access_token_ttl_s + 60)


async def mark_member_changed(redis: Redis, settings: Settings, tenant_id: uuid.UUID, user_id: uuid.UUID) -> None:
    """The member's access JWTs stop working now; a session refresh re-reads role and accounts.

    Seconds resolution: a token issued within the same second as the change still passes.
    """
    key = MEMBER_CHANGED_KEY.format(tenant_id, user_id)
    await redis.set(key, str(int(time.time())), ex=settings.access_token_ttl_s + 60)


def set_session_cookies(response: Response, issued: IssuedSession, settings: Settings) -> None:
    response.set_cookie(
        ACCESS_COOKIE,
        issued.access_token,
        max_age=settings.access_token_ttl_s,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    response.set_cookie(
        REFRESH_COOKIE,
        issued.refresh_token,
        max_age=settings.refresh_token_ttl_s,
        httponly=True,
        samesite="strict",
        secure=settings.cookie_secure,
        path="/",
    )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(ACCESS_COOKIE, path="/")
    response.delete_cookie(REFRESH_COOKIE, path="/")
