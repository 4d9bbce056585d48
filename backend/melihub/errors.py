"""The base of every expected, user-facing failure raised by a domain service."""

from __future__ import annotations


class DomainError(ValueError):
    """A request that cannot be honoured; ``field`` names the input at fault, ``code`` the reason."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "INVALID") -> None:
        super().__init__(message)
        self.field = field
        self.code = code
