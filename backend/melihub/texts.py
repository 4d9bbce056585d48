"""What a text melihub sends to Mercado Livre for a person must be: trimmed, not empty, within ML's limit.

Answers (2,000 characters) and post-sale messages (350 per seller message) are checked here before
Mercado Livre sees them, so an operator learns the limit from melihub rather than from ML's 400.
"""

from __future__ import annotations

from melihub.errors import DomainError


def checked_text(text: str, limit: int, *, noun: str, field: str = "text") -> str:
    """``text`` as it will be sent (trimmed); ``EMPTY_TEXT`` or ``TEXT_TOO_LONG`` (naming ``limit``) otherwise.

    ``noun`` names what is written (``answer``, ``message``) in the refusal's message.
    """
    trimmed = (text or "").strip()
    if not trimmed:
        raise DomainError(f"write the {noun} first", field=field, code="EMPTY_TEXT")
    if len(trimmed) > limit:
        raise DomainError(
            f"{noun}s have at most {limit:,} characters (this one has {len(trimmed):,})",
            field=field,
            code="TEXT_TOO_LONG",
        )
    return trimmed
