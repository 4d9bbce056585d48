"""Structured JSON logs with a request id on every line; secrets never reach a log line."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import random
import re
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TextIO

import structlog

_request_id: ContextVar[str | None] = ContextVar("melihub_request_id", default=None)

SECRET_KEYS = re.compile(r"(token|password|secret|authorization|cookie|code_verifier|api_key)", re.IGNORECASE)
# Values that look like credentials whatever key they sit under (ML tokens, our opaque tokens, JWTs).
SECRET_VALUES = re.compile(
    r"(APP_USR-[\w-]+|TG-[\w-]+|mh[kr]_[0-9a-f]{32}_[\w-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+|Bearer\s+\S+)"
)
REDACTED = "[redacted]"
# A buyer's document or phone never reaches a log line (the pickup hub holds them): by key, and by shape
# wherever they sit (CPF 123.456.789-09, CNPJ 12.345.678/0001-90, +55 11 98765-4321, (11) 98765-4321).
PII_KEYS = re.compile(r"(document|phone|cpf|cnpj)", re.IGNORECASE)
PII_VALUES = re.compile(
    r"(\b\d{3}\.\d{3}\.\d{3}-\d{2}\b|\b\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}\b"
    r"|\+55\s?\(?\d{2}\)?\s?9?\d{4}-?\d{4}\b|\(\d{2}\)\s?9?\d{4}-\d{4}\b)"
)
# Names, addresses and e-mails of buyers and recipients, by key. ``name`` (and a city's, a state's) is
# personal only inside a buyer's, recipient's or address's object: a logger's, an event's or a listing
# attribute's name stays readable.
PERSONAL_KEYS = re.compile(
    r"^(first_name|last_name|full_name|nickname|receiver_name|recipient_name|buyer_name|customer_name"
    r"|address|address_line|street_name|street_number|zip_code|zipcode|postal_code|cep|neighborhood"
    r"|(shipping|receiver|billing|delivery|buying|buyer|customer|recipient)_address|e?_?mail|\w*_email)$",
    re.IGNORECASE,
)
PERSONAL_CONTEXTS = re.compile(r"(buyer|customer|receiver|recipient|destination|contact|billing)", re.IGNORECASE)
CONTEXT_KEYS = frozenset({"name", "city", "state", "comment", "comments", "latitude", "longitude"})
# E-mails, Brazilian street addresses ("Rua das Flores 210", "Av. Paulista, 1000") and CEPs by shape.
EMAIL_VALUES = re.compile(r"\b[\w.+-]+@(?:[\w-]+\.)+[A-Za-z]{2,}\b")
ADDRESS_VALUES = re.compile(
    r"\b(?:Rua|R\.|Avenida|Av\.|Alameda|Al\.|Travessa|Tv\.|Praça|Pça\.|Estrada|Rodovia|Largo|Calle)"
    r"\s+[^,;:\"\n\d]{2,60}?,?\s*(?:n[º°o.]?\s*)?\d{1,5}\b"
    r"|\b\d{5}-\d{3}\b"
)
MASKED = "[masked]"
# Set in tests (and by operators who want it): every log line is also appended to this file ("{pid}" is
# replaced by the process id), so a check can read what the whole suite logged.
LOG_COPY_ENV = "MELIHUB_LOG_COPY"


def current_request_id() -> str | None:
    return _request_id.get()


REQUEST_ID = re.compile(r"[\w.:-]{1,64}")


def new_request_id(incoming: str | None = None) -> str:
    """Adopt a sane incoming X-Request-ID, else mint one; every log line of this task carries it."""
    # A correlation id, not a secret: the cheap generator is enough (urandom is a syscall per request).
    request_id = incoming if incoming and REQUEST_ID.fullmatch(incoming) else f"{random.getrandbits(128):032x}"
    _request_id.set(request_id)
    return request_id


def clear_request_id() -> None:
    """The request is over: its id and what was bound while serving it (``bind_tenant``) leave the context."""
    _request_id.set(None)
    structlog.contextvars.unbind_contextvars("tenant")


def bind_tenant(tenant_id: object) -> None:
    """Every further log line of this request or task names the tenant (``tenant``)."""
    structlog.contextvars.bind_contextvars(tenant=str(tenant_id))


def _add_request_id(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    request_id = _request_id.get()
    if request_id is not None:
        event.setdefault("request_id", request_id)
    return event


@functools.lru_cache(maxsize=1024)
def _secret_key(key: str) -> bool:
    return bool(SECRET_KEYS.search(key))


@functools.lru_cache(maxsize=1024)
def _personal_key(key: str) -> bool:
    return bool(PII_KEYS.search(key) or PERSONAL_KEYS.match(key))


@functools.lru_cache(maxsize=1024)
def _personal_context(key: str) -> bool:
    return bool(PERSONAL_CONTEXTS.search(key))


def mask_text(text: str) -> str:
    """Credentials, documents, phones, e-mails and street addresses out of a free text."""
    text = PII_VALUES.sub(MASKED, SECRET_VALUES.sub(REDACTED, text))
    if "@" in text:
        text = EMAIL_VALUES.sub(MASKED, text)
    return ADDRESS_VALUES.sub(MASKED, text)


def redact(value: Any, key: str = "", personal: bool = False) -> Any:
    """``value`` (logged under ``key``) with secrets redacted and buyer PII masked; ``personal``: inside a
    buyer's, recipient's or address's object, where a plain ``name`` is a person's."""
    if key and _secret_key(key):
        return REDACTED
    if value is not None and key and (_personal_key(key) or (personal and key.lower() in CONTEXT_KEYS)):
        return MASKED
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        inner = personal or bool(key and _personal_context(key))
        return {k: redact(v, str(k), inner) for k, v in value.items()}
    if isinstance(value, list | tuple):
        inner = personal or bool(key and _personal_context(key))
        return [redact(v, "", inner) for v in value]
    return value


_TRUSTED_KEYS = frozenset({"event", "timestamp", "level", "logger", "request_id", "trace_id", "event_id"})


def _redact_processor(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    clean = {k: (v if k in _TRUSTED_KEYS else redact(v, k)) for k, v in event.items()}
    clean["event"] = redact(event.get("event", ""))
    return clean


class _NamedWriteLogger(structlog.WriteLogger):
    """A structlog logger writing rendered lines straight to the process's stderr *as it is at each line*:
    whoever swaps it later (a test harness's capture, a daemon) must not leave loggers on a closed file."""

    def __init__(self, name: str) -> None:
        super().__init__(sys.stderr)
        self.name = name

    def msg(self, message: str) -> None:
        stream = sys.stderr
        with self._lock:
            stream.write(message + "\n")
            stream.flush()
        _copy_line(message)

    log = debug = info = warn = warning = msg
    fatal = failure = err = error = critical = exception = msg


_log_copy: TextIO | None = None


def _copy_line(line: str) -> None:
    if _log_copy is not None:
        _log_copy.write(line + "\n")
        _log_copy.flush()


def _open_log_copy() -> None:
    global _log_copy
    path = os.environ.get(LOG_COPY_ENV)
    if not path or _log_copy is not None:
        return
    target = Path(path.replace("{pid}", str(os.getpid())))
    target.parent.mkdir(parents=True, exist_ok=True)
    _log_copy = target.open("a", encoding="utf-8")  # open for the process's whole life


class _CurrentStderrHandler(logging.StreamHandler):
    """The stdlib side of the same rule: each record goes to the stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        if _log_copy is not None:
            with contextlib.suppress(Exception):  # a log copy never breaks the program
                _copy_line(self.format(record))

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(level: str = "INFO", *, json: bool = True) -> None:
    """melihub's own lines are rendered by structlog alone (≈10 µs, half the stdlib path: the
    per-request access line is on the webhook's hot path); libraries' stdlib lines get the same shape."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        _add_request_id,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact_processor,
    ]
    _open_log_copy()
    renderer: Any = structlog.processors.JSONRenderer() if json else _console_renderer()
    numeric_level = logging.getLevelName(level.upper())
    # The console renderer formats tracebacks itself; a person reading it needs no routine lines.
    own: list[Any] = [structlog.processors.format_exc_info] if json else [_quiet_routine]
    structlog.configure(
        processors=[*shared, *own, renderer],
        # A disabled level costs one method call that does nothing.
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        logger_factory=lambda *args: _NamedWriteLogger(str(args[0]) if args else ""),
        cache_logger_on_first_use=True,
    )
    handler = _CurrentStderrHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                *([structlog.processors.format_exc_info] if json else []),
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(numeric_level)
    for noisy in ("uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for routine in ROUTINE_LOGGERS - {"uvicorn.access"}:  # the libraries' own routine lines (arq's per job)
        logging.getLogger(routine).setLevel(logging.NOTSET if json else logging.WARNING)


# On the console (``make demo``) these loggers' (and their children's) info lines are routine: each
# request, Mercado Livre call, processed notification and job, the embedded stores' start, each migration,
# the server's start. Warnings and errors still show; JSON logs keep them all.
ROUTINE_LOGGERS = frozenset(
    {
        "melihub.http",
        "melihub.meli",
        "melihub.pipeline",
        "melihub.sync",
        "arq",
        "uvicorn.access",
        "uvicorn.error",
        "pgserver",
        "alembic",
    }
)
_ROUTINE_PREFIXES = tuple(f"{name}." for name in ROUTINE_LOGGERS)
_QUIET_LEVELS = frozenset({"debug", "info"})


def _quiet_routine(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """Console only: routine lines dropped, and the request id (the trace id correlates as well)."""
    name = event.get("logger") or ""
    if event.get("level") in _QUIET_LEVELS and (name in ROUTINE_LOGGERS or name.startswith(_ROUTINE_PREFIXES)):
        raise structlog.DropEvent
    event.pop("request_id", None)
    return event


def _console_renderer() -> Any:
    """Coloured when the terminal is a terminal (and ``NO_COLOR`` is unset), plain when piped."""
    colors = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    return structlog.dev.ConsoleRenderer(colors=colors, exception_formatter=structlog.dev.plain_traceback)


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
