"""Exceptions raised by the Mercado Livre client, parsed from ML's error bodies.

ML answers errors in a few shapes (reference §11):

* standard ``{"message", "error", "status", "cause"}``;
* the current gateway 401 ``{"code": "unauthorized", "message": "invalid access token"}``;
* the legacy 401 ``{"message": "invalid_token", "error": "not_found", "status": 401, "cause": []}``
  (note ``error`` lies: classification is by HTTP status, never by ``error``);
* empty or HTML bodies on 5xx.

No exception ever carries a token: messages and causes are scrubbed of anything that looks like an
ML access/refresh token before they are stored.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TOKEN_LIKE = re.compile(r"(APP_USR-[\w-]+|TG-[\w-]+|Bearer\s+\S+)")
_MAX_MESSAGE = 500


def scrub(text: str) -> str:
    """Remove anything that looks like an ML credential from ``text``."""
    return _TOKEN_LIKE.sub("[redacted]", text)


def _scrub_any(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrub_any(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_any(v) for k, v in value.items()}
    return value


class MeliError(Exception):
    """Any failure talking to Mercado Livre.

    ``status`` is the HTTP status (``None`` for transport failures), ``error`` ML's error code
    (``not_found``, ``invalid_grant``...), ``message`` its human text, ``cause`` its cause list.
    """

    retryable: bool = False

    def __init__(
        self,
        message: str = "",
        *,
        status: int | None = None,
        error: str | None = None,
        cause: list[Any] | None = None,
        method: str | None = None,
        path: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = scrub(message)[:_MAX_MESSAGE]
        self.status = status
        self.error = error
        self.cause: list[Any] = _scrub_any(cause or [])
        self.method = method
        self.path = scrub(path) if path else path
        self.retry_after = retry_after
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f"{self.method} {self.path}: " if self.method and self.path else ""
        code = f" [{self.error}]" if self.error else ""
        status = f"HTTP {self.status}" if self.status is not None else "no response"
        return f"{where}{status}{code} {self.message}".strip()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, error={self.error!r}, "
            f"message={self.message!r}, path={self.path!r})"
        )


class ValidationError(MeliError):
    """HTTP 400: bad parameters or a rejected write (``cause`` lists the reasons)."""


class Unauthorized(MeliError):
    """HTTP 401: the access token is invalid, expired or revoked (after the one refresh attempt)."""


class ReauthRequired(MeliError):
    """The account has no usable grant: the seller must authorize melihub again.

    A :class:`TokenStore` may raise it from ``load`` for an account already marked reauth-required.
    """


class InvalidGrant(ReauthRequired):
    """The token endpoint refused the code/refresh token (``invalid_grant``); nothing retries it."""


class InvalidClient(MeliError):
    """The token endpoint refused our client id/secret (configuration problem, not the seller's)."""


class Forbidden(MeliError):
    """HTTP 403: resource of another seller, missing scope or blocked application."""


class NotFound(MeliError):
    """HTTP 404: unknown id (or a deleted item)."""


class Conflict(MeliError):
    """HTTP 409: concurrent write on the same resource. Surfaced to the caller, never retried blindly."""


class RateLimited(MeliError):
    """HTTP 429 after the allowed retries, or the local limiter could not grant a slot in time."""

    retryable = True


class Unavailable(MeliError):
    """Retries exhausted on 5xx, timeouts or connection errors."""

    retryable = True


class CircuitOpen(MeliError):
    """The circuit breaker for this account and endpoint family is open: failing fast, no call made."""

    retryable = True

    def __init__(self, family: str, *, retry_at: float | None = None, state: str = "open") -> None:
        self.family = family
        self.retry_at = retry_at
        self.breaker_state = state
        super().__init__(f"circuit {state} for endpoint family {family!r}", error="circuit_open")


def parse_error_body(content: bytes) -> dict[str, Any]:
    """Normalise any ML error body to ``{"message", "error", "status", "cause"}`` (values may be None)."""
    try:
        body = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        text = content[:200].decode("utf-8", "replace").strip() if content else ""
        return {"message": text, "error": None, "status": None, "cause": []}
    cause = body.get("cause")
    return {
        "message": str(body.get("message") or body.get("error_description") or ""),
        # the current 401 gateway shape uses "code" instead of "error"
        "error": body.get("error") or body.get("code"),
        "status": body.get("status") if isinstance(body.get("status"), int) else None,
        "cause": cause if isinstance(cause, list) else ([cause] if cause else []),
    }


_BY_STATUS: dict[int, type[MeliError]] = {
    400: ValidationError,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    429: RateLimited,
}


def error_for(
    status: int,
    content: bytes,
    *,
    method: str | None = None,
    path: str | None = None,
    token_endpoint: bool = False,
    retry_after: float | None = None,
) -> MeliError:
    """The exception for an HTTP error response (classified by HTTP status, then ``error``)."""
    body = parse_error_body(content)
    cls: type[MeliError]
    if token_endpoint and body["error"] == "invalid_grant":
        cls = InvalidGrant
    elif token_endpoint and body["error"] == "invalid_client":
        cls = InvalidClient
    elif status >= 500:
        cls = Unavailable
    else:
        cls = _BY_STATUS.get(status, MeliError)
    return cls(
        body["message"] or f"HTTP {status}",
        status=status,
        error=body["error"],
        cause=body["cause"],
        method=method,
        path=path,
        retry_after=retry_after,
    )
