"""Configuration, call statistics and ML-shaped responses shared by every sandbox module."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field, fields
from typing import Any

from starlette.responses import Response

CONFIGURABLE = (
    "rate_limit_per_s",
    "token_ttl_s",
    "callback_url",
    "time_scale",
    "legacy_401",
    "delivery_timeout_s",
    "write_delay_ms",
    "item_write_rate_per_s",
    "client_id",
    "client_secret",
    "applications",
    "redirect_uri",
    "order_search_max_offset",
    "scroll_ttl_s",
)


@dataclass
class SandboxConfig:
    """Knobs of the sandbox; every field can be changed at run time with ``PUT /_sandbox/config``."""

    rate_limit_per_s: float = 1000.0
    token_ttl_s: int = 21600
    callback_url: str | None = None
    time_scale: float = 1.0  # multiplies every notification retry delay
    client_id: str | None = None  # strict OAuth when set (default: the scenario's application id)
    client_secret: str | None = None
    # Other applications registered on this ML (client id -> secret), e.g. a company's own: their
    # tokens work like the main one's; ML keeps one grant per (application, seller).
    applications: dict[str, str] | None = None
    redirect_uri: str | None = None
    legacy_401: bool = False  # answer 401 with the older body shape
    delivery_timeout_s: float = 0.5  # ML wants a 200 within 500 ms
    write_delay_ms: float = 5.0  # how long a PUT /items holds its item (concurrent writes -> 409)
    # Item writes (PUT /items…) per second per application on top of ``rate_limit_per_s``; 0: no such
    # budget. ML throttles item writes at about 5-7/s (reference §11, unsure); tests set their own.
    item_write_rate_per_s: float = 0.0
    # The reference documents no offset cap for /orders/search (it does for items: 1000); we assume
    # the same 1000, unsure. Tests lower it to exercise a sync engine's date-window splitting.
    order_search_max_offset: int = 1000
    scroll_ttl_s: float = 300.0  # an items scan's scroll_id expires after this long unused (ML: ~5 min)
    max_attempts: int = 8
    concurrency: int = 32

    def update(self, values: dict[str, Any]) -> None:
        known = {f.name: f for f in fields(self)}
        for key, value in values.items():
            if key not in known:
                raise ValueError(f"unknown config key {key!r}")
            current = getattr(self, key)
            if value is not None and isinstance(current, bool):
                value = bool(value)
            elif value is not None and isinstance(current, int | float) and not isinstance(current, bool):
                value = type(current)(value)
            setattr(self, key, value)

    def public(self) -> dict[str, Any]:
        shown = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "client_secret"}
        shown["applications"] = sorted(self.applications or {})  # their ids, never their secrets
        return shown


@dataclass
class Stats:
    """Counters behind ``GET /_sandbox/stats`` and the call log behind ``GET /_sandbox/calls``."""

    total_calls: int = 0
    calls: dict[str, dict[str, int]] = field(default_factory=dict)
    token_calls: dict[str, int] = field(default_factory=lambda: {"authorization_code": 0, "refresh_token": 0})
    notifications: dict[str, int] = field(
        default_factory=lambda: {"sent": 0, "acknowledged": 0, "missed": 0, "attempts": 0}
    )
    log: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=500_000))

    def record(
        self,
        started: float,
        method: str,
        route: str,
        path: str,
        status: int,
        client_id: Any,
        user_id: Any,
        query: str = "",
        body: Any = None,
    ) -> None:
        self.total_calls += 1
        per_status = self.calls.setdefault(f"{method} {route}", {})
        per_status[str(status)] = per_status.get(str(status), 0) + 1
        self.log.append(
            {
                "t": started,
                "method": method,
                "route": route,
                "path": path,
                "query": query,  # tests prove which pages and windows were asked
                "body": body,  # a write's JSON body: tests prove what was (or was not) sent
                "status": status,
                "client_id": client_id,
                "user_id": user_id,
            }
        )

    def reset(self) -> None:
        """Zero every counter and empty the log, in place: the OAuth server and notifier hold this object."""
        self.total_calls = 0
        self.calls.clear()
        for counters in (self.token_calls, self.notifications):
            for key in counters:
                counters[key] = 0
        self.log.clear()

    def since(self, since: float | None) -> list[dict[str, Any]]:
        if since is None:
            return list(self.log)
        return [c for c in self.log if c["t"] >= since]

    def snapshot(self) -> dict[str, Any]:
        return {
            "total_calls": self.total_calls,
            "calls": {k: dict(v) for k, v in self.calls.items()},
            "token_calls": dict(self.token_calls),
            "notifications": dict(self.notifications),
        }


class MLResponse(Response):
    """JSON as ML sends it: UTF-8, no ASCII escaping, ``application/json;charset=UTF-8``."""

    media_type = "application/json;charset=UTF-8"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False).encode("utf-8")


def ml_json(content: Any, status: int = 200, headers: dict[str, str] | None = None) -> MLResponse:
    return MLResponse(content, status_code=status, headers=headers)


def error_body(status: int, message: str, error: str, cause: list[Any] | None = None) -> dict[str, Any]:
    return {"message": message, "error": error, "status": status, "cause": cause or []}


def ml_error(
    status: int, message: str, error: str, cause: list[Any] | None = None, headers: dict[str, str] | None = None
) -> MLResponse:
    return ml_json(error_body(status, message, error, cause), status, headers)


def not_found(message: str = "resource not found") -> MLResponse:
    return ml_error(404, message, "not_found")


def forbidden(message: str = "caller.id does not match owner") -> MLResponse:
    return ml_error(403, message, "forbidden")


def bad_request(message: str, error: str = "bad_request", cause: list[Any] | None = None) -> MLResponse:
    return ml_error(400, message, error, cause)


def int_param(value: str | None, default: int, *, name: str) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ParamError(f"invalid value for parameter {name}: {value}") from None


class ParamError(ValueError):
    """A query parameter ML would refuse with 400 bad_request."""
