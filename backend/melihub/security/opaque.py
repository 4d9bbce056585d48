"""Opaque bearer secrets (API tokens, refresh tokens): shown once, stored as SHA-256.

The tenant id is part of the token so its row can be found under row-level security without a
cross-tenant index scan; it is not secret (it is in every access JWT too).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedToken:
    kind: str
    tenant_id: uuid.UUID
    secret: str


def new_token(kind: str, tenant_id: uuid.UUID) -> str:
    return f"{kind}_{tenant_id.hex}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_token(token: str, kind: str) -> ParsedToken | None:
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != kind or len(parts[2]) < 20:
        return None
    try:
        tenant_id = uuid.UUID(hex=parts[1])
    except ValueError:
        return None
    return ParsedToken(kind=kind, tenant_id=tenant_id, secret=parts[2])
