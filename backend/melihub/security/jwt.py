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
        )
    except (JoseError, KeyError, ValueError, TypeError) as exc:
        raise InvalidAccessToken("invalid or expired access token") from exc
