"""Free-text search in lists: a ``search`` argument matched as a part of a text, wildcards taken literally."""

from __future__ import annotations

from typing import Any

LIKE_ESCAPE = "\\"
MAX_SEARCH_LENGTH = 100  # longer is no search anybody types; it only makes the pattern costlier


def search_text(value: str | None) -> str:
    """The search as matched: trimmed, at most :data:`MAX_SEARCH_LENGTH` characters ("" for none)."""
    return (value or "").strip()[:MAX_SEARCH_LENGTH]


def contains_pattern(text: str) -> str:
    """An ``ILIKE`` pattern for "contains ``text``": a typed ``%`` or ``_`` is that character, not a wildcard."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: Any, text: str) -> Any:
    """SQL: ``column`` contains ``text``, ignoring case."""
    return column.ilike(contains_pattern(text), escape=LIKE_ESCAPE)
