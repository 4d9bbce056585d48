"""The OAuth ``state``: signed, bound to the user and tenant that started the link, 10 minutes long.

The PKCE verifier never travels in the state (an intercepted callback URL would carry both); it
waits in Redis under the state's nonce and is taken exactly once, which also makes a replayed
callback fail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass

from redis.asyncio import Redis

from melihub.errors import DomainError

STATE_TTL_S = 600
VERIFIER_KEY = "melihub:oauth:pkce:{}"


class StateError(DomainError):
    pass


@dataclass(frozen=True)
class LinkState:
    tenant_id: uuid.UUID
    user_id: uuid.UUID
    site_id: str
    nonce: str
    expires_at: int
    client_id: str | None = None  # the company's own application the link goes through (None: melihub's)


def _key(secret: str) -> bytes:
    return hashlib.sha256(f"melihub-oauth-state|{secret}".encode()).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_state(state: LinkState, secret: str) -> str:
    body = _b64(
        json.dumps(
            {
                "t": str(state.tenant_id),
                "u": str(state.user_id),
                "s": state.site_id,
                "n": state.nonce,
                "e": state.expires_at,
                **({"a": state.client_id} if state.client_id else {}),
            },
            separators=(",", ":"),
        ).encode()
    )
    signature = _b64(hmac.new(_key(secret), body.encode(), hashlib.sha256).digest())
    return f"{body}.{signature}"


def read_state(token: str, secret: str, *, now: float | None = None) -> LinkState:
    body, _, signature = token.partition(".")
    expected = _b64(hmac.new(_key(secret), body.encode(), hashlib.sha256).digest())
    if not body or not hmac.compare_digest(expected, signature):
        raise StateError("the link request was tampered with or is not ours", code="STATE_INVALID")
    try:
        fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        state = LinkState(
            uuid.UUID(fields["t"]),
            uuid.UUID(fields["u"]),
            str(fields["s"]),
            str(fields["n"]),
            int(fields["e"]),
            str(fields["a"]) if fields.get("a") else None,
        )
    except (ValueError, KeyError, TypeError):
        raise StateError("the link request is malformed", code="STATE_INVALID") from None
    if state.expires_at < (now or time.time()):
        raise StateError("the link request expired; start again", code="STATE_EXPIRED")
    return state


def new_state(tenant_id: uuid.UUID, user_id: uuid.UUID, site_id: str, client_id: str | None = None) -> LinkState:
    expires_at = int(time.time()) + STATE_TTL_S
    return LinkState(tenant_id, user_id, site_id, secrets.token_urlsafe(16), expires_at, client_id)


async def remember_verifier(redis: Redis, state: LinkState, verifier: str) -> None:
    await redis.set(VERIFIER_KEY.format(state.nonce), verifier, ex=STATE_TTL_S)


async def take_verifier(redis: Redis, state: LinkState) -> str:
    value = await redis.getdel(VERIFIER_KEY.format(state.nonce))
    if value is None:
        raise StateError("this link request was already used or has expired", code="STATE_USED")
    return value.decode() if isinstance(value, bytes) else str(value)
