"""Reading values out of Mercado Livre's JSON: dates, money, ids and nested fields, forgiving of gaps.

Mercado Livre omits fields, sends ``""`` for "none" and mixes numbers with numeric strings; these
helpers turn each of those into ``None`` instead of an exception, except for a resource's own id,
without which nothing can be stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from melihub.errors import DomainError


def ml_time(value: Any) -> datetime | None:
    """ML's ISO 8601 (``2026-10-02T14:20:11.000-04:00``, ``…Z``) → an aware datetime; naive means UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def money(value: Any) -> Decimal | None:
    """A JSON number → Decimal through ``str`` (``59.9`` stays ``59.9``, never ``59.899999…``)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def as_int(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def dig(raw: Any, *path: str) -> Any:
    """``dig(raw, "destination", "shipping_address", "city", "name")``; None when any step is missing."""
    current = raw
    for step in path:
        if not isinstance(current, dict):
            return None
        current = current.get(step)
    return current


def external_id(raw: dict[str, Any], kind: str) -> str:
    value = raw.get("id")
    if value is None or value == "":
        raise DomainError(f"the {kind} payload has no id", code="INVALID_PAYLOAD")
    return str(value)


def ml_int_id(raw: dict[str, Any], kind: str) -> int:
    value = as_int(external_id(raw, kind))
    if value is None:
        raise DomainError(f"the {kind} payload has a non-numeric id", code="INVALID_PAYLOAD")
    return value
