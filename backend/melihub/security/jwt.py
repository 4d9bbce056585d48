"""Short-lived access JWTs (HS256, authlib's jose)."""

from __future__ import annotations

import time
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

# authlib.jose is deprecated in favour of joserfc but stays compatible until authlib 2.0 (pinned <2).
from authlib.deprecate import AuthlibDeprecationWarning

warnings.filterwarnings("ignore", category=AuthlibDeprecationWarning)
from authlib.jose import JoseError, jwt  # noqa: E402

ISSUER = "melihub"


class InvalidAccessToken(ValueError):
    pass


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    tenant_id: uuid.UUID
    role: str
    session_family: uuid.UUID
    expires_at: int
    # None: every ML account of the tenant; else only these (a membership restricted to some accounts).
    meli_account_ids: tuple[uuid.UUID, ...] | None = None
    issued_at: int = 0  # read from a token; issuing stamps the current time


def issue_access_token(claims: AccessClaims, secret: str) -> str:
    payload = {
        "iss": ISSUER,
        "sub": str(claims.user_id),
        "tid": str(claims.tenant_id),
        "role": claims.role,
        "sfam": str(claims.session_family),
        "iat": int(time.time()),
        "exp": claims.expires_at,
    }
    if claims.meli_account_ids is not None:
        payload["acc"] = [str(account) for account in claims.meli_account_ids]
    token: bytes = jwt.encode({"alg": "HS256", "typ": "JWT"}, payload, secret)
    return token.decode()


def read_access_token(token: str, secret: str) -> AccessClaims:
    """Verify signature, algorithm, issuer and expiry; raise InvalidAccessToken otherwise."""
    try:
        claims: Any = jwt.decode(
            token,
            secret,
            claims_options={"iss": {"essential": True, "value": ISSUER}, "exp": {"essential": True}},
        )
        if claims.header.get("alg") != "HS256":
            raise InvalidAccessToken("unexpected algorithm")
        claims.validate(now=int(time.time()), leeway=0)
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]),
            tenant_id=uuid.UUID(claims["tid"]),
            role=str(claims["role"]),
            session_family=uuid.UUID(claims["sfam"]),
            expires_at=int(claims["exp"]),
            meli_account_ids=_accounts_claim(claims.get("acc")),
            issued_at=int(claims.get("iat", 0)),
        )
    except (JoseError, KeyError, ValueError, TypeError) as exc:
        raise InvalidAccessToken("invalid or expired access token") from exc


def _accounts_claim(value: Any) -> tuple[uuid.UUID, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValueError("acc claim must be a list")
    return tuple(uuid.UUID(str(account)) for account in value)
