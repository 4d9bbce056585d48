"""Structured JSON logs with a request id on every line; secrets never reach a log line."""

from __future__ import annotations

import logging
import os
import re
import sys
from contextvars import ContextVar
from typing import Any

import structlog

_request_id: ContextVar[str | None] = ContextVar("melihub_request_id", default=None)

SECRET_KEYS = re.compile(r"(token|password|secret|authorization|cookie|code_verifier|api_key)", re.IGNORECASE)
# Values that look like credentials whatever key they sit under (ML tokens, our opaque tokens, JWTs).
SECRET_VALUES = re.compile(
    r"(APP_USR-[\w-]+|TG-[\w-]+|mh[kr]_[0-9a-f]{32}_[\w-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+|Bearer\s+\S+)"
)
REDACTED = "[redacted]"


def current_request_id() -> str | None:
    return _request_id.get()


REQUEST_ID = re.compile(r"[\w.:-]{1,64}")


def new_request_id(incoming: str | None = None) -> str:
    """Adopt a sane incoming X-Request-ID, else mint one; every log line of this task carries it."""
    request_id = incoming if incoming and REQUEST_ID.fullmatch(incoming) else os.urandom(16).hex()
    _request_id.set(request_id)
    return request_id


def clear_request_id() -> None:
    _request_id.set(None)


def _add_request_id(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    request_id = _request_id.get()
    if request_id is not None:
        event.setdefault("request_id", request_id)
    return event


def redact(value: Any, key: str = "") -> Any:
    if key and SECRET_KEYS.search(key):
        return REDACTED
    if isinstance(value, str):
        return SECRET_VALUES.sub(REDACTED, value)
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def _redact_processor(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (v if k in {"event", "timestamp", "level", "logger", "request_id"} else redact(v, k))
        for k, v in event.items()
    } | {"event": redact(event.get("event", ""))}


def configure_logging(level: str = "INFO", *, json: bool = True) -> None:
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        _add_request_id,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact_processor,
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        # filter_by_level first: a disabled level costs nothing (the webhook path logs at info).
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
