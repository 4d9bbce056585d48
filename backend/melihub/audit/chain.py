"""The audit chain's canonical form: what each row's SHA-256 covers, and how values are made safe first.

Every row stores the hash of the previous row of its tenant (``prev_hash``) and its own (``hash``) over
``canonical_bytes``. The form is a stored contract: rows written years ago are verified with it, so a
change here must keep producing the same bytes for existing rows (or carry a version).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

from melihub.observability import redact

# Floats PostgreSQL's jsonb gives back as integers (it never writes exponents): 1e16 → 10000000000000000.
_FLOAT_AS_INT = 1e16


class ChainedRow(Protocol):
    """The stored fields of an audit row the hash covers (an ``AuditEntry``, or a raw result row)."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    seq: int
    actor_user_id: uuid.UUID | None
    actor_token_id: uuid.UUID | None
    action: str
    target_type: str | None
    target_id: str | None
    before: Any
    after: Any
    data: Any
    ip: str | None
    user_agent: str | None
    request_id: str | None
    created_at: datetime
    prev_hash: str | None


def json_safe(value: Any) -> Any:
    """``value`` as the JSON that survives a round trip through jsonb unchanged (so hashes still match)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value == 0:
            return 0.0  # jsonb has no negative zero
        if value.is_integer() and abs(value) >= _FLOAT_AS_INT:
            return int(value)
        return value
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [json_safe(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return json_safe(value.value)
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return str(value)


def sanitized(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """JSON-safe, with secrets redacted: by key (password, token, secret…) and by value shape (tokens, JWTs)."""
    if value is None:
        return None
    clean: dict[str, Any] = redact(json_safe(value))
    return clean


def canonical_bytes(row: ChainedRow) -> bytes:
    """Sorted-key compact JSON of every stored fact of the row, ASCII only."""
    payload = {
        "id": str(row.id),
        "tenant_id": str(row.tenant_id),
        "seq": int(row.seq),
        "actor_user_id": str(row.actor_user_id) if row.actor_user_id else None,
        "actor_token_id": str(row.actor_token_id) if row.actor_token_id else None,
        "action": row.action,
        "target_type": row.target_type,
        "target_id": row.target_id,
        "before": row.before,
        "after": row.after,
        "data": row.data,
        "ip": row.ip,
        "user_agent": row.user_agent,
        "request_id": row.request_id,
        "created_at": row.created_at.astimezone(UTC).isoformat(),
        "prev_hash": row.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode()


def row_hash(row: ChainedRow) -> str:
    return hashlib.sha256(canonical_bytes(row)).hexdigest()
