"""One trace from the webhook through the queue and the worker's Mercado Livre calls to the database write
and the published change.

Tracing is off unless an OTLP endpoint is configured (``MELIHUB_OTEL_ENDPOINT`` or the standard
``OTEL_EXPORTER_OTLP_ENDPOINT``): then OpenTelemetry's SDK exports spans over OTLP/HTTP. Off or on, every
traced unit of work has a trace id — adopted from an incoming W3C ``traceparent`` or minted — that log
lines carry (``trace_id``), the job carries to the worker and the integration event stores, so logs and
the timeline correlate even without a tracing backend. No provider or exporter exists while tracing is
off; the global OpenTelemetry provider is never touched (a library's own spans stay theirs).
"""

from __future__ import annotations

import contextlib
import random
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import structlog
from opentelemetry import trace
from opentelemetry.trace import Link, NonRecordingSpan, SpanContext, SpanKind, TraceFlags

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
TRACE_ID = re.compile(r"^[0-9a-f]{32}$")
_INVALID_TRACE = "0" * 32
SAMPLED = TraceFlags(TraceFlags.SAMPLED)

_trace_id: ContextVar[str | None] = ContextVar("melihub_trace_id", default=None)
_provider: TracerProvider | None = None
_tracer: trace.Tracer | None = None

__all__ = [
    "SpanKind",
    "configure_tracing",
    "current_trace_id",
    "current_traceparent",
    "disable_tracing",
    "span",
    "tracing_enabled",
]


def configure_tracing(
    endpoint: str | None, *, service_name: str = "melihub", exporter: SpanExporter | None = None
) -> bool:
    """Turn tracing on with an OTLP/HTTP exporter to ``endpoint`` (or ``exporter``: the tests' in-memory one);
    with neither, leave it off and create nothing. Returns whether tracing is on."""
    global _provider, _tracer
    if exporter is None and not endpoint:
        return False
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    disable_tracing()
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        assert endpoint is not None
        provider.add_span_processor(BatchSpanProcessor(_otlp_exporter(endpoint)))
    _provider, _tracer = provider, provider.get_tracer("melihub")
    return True


def _otlp_exporter(endpoint: str) -> SpanExporter:
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as exc:  # the `otel` extra
        raise RuntimeError("tracing needs the OTLP exporter: pip install 'melihub[otel]'") from exc
    # The standard variable names the collector's base URL; the traces path is ours to add.
    url = endpoint if endpoint.rstrip("/").endswith("/v1/traces") else endpoint.rstrip("/") + "/v1/traces"
    return OTLPSpanExporter(endpoint=url)


def disable_tracing() -> None:
    """Flush and drop the provider (process exit, tests)."""
    global _provider, _tracer
    if _provider is not None:
        _provider.shutdown()
    _provider, _tracer = None, None


def tracing_enabled() -> bool:
    return _tracer is not None


def current_trace_id() -> str | None:
    """The trace id of the unit of work at hand (32 hex digits), if one is traced."""
    return _trace_id.get()


def current_traceparent() -> str | None:
    """The W3C ``traceparent`` that continues the current trace elsewhere (a job, an outgoing call)."""
    trace_id = _trace_id.get()
    if trace_id is None:
        return None
    context = trace.get_current_span().get_span_context()
    span_id = f"{context.span_id:016x}" if context.is_valid else f"{random.getrandbits(64) or 1:016x}"
    return f"00-{trace_id}-{span_id}-01"


def _parse(traceparent: str | None) -> tuple[str, str, int] | None:
    match = TRACEPARENT.match(traceparent.strip().lower()) if traceparent else None
    if match is None or match.group(1) == _INVALID_TRACE or match.group(2) == "0" * 16:
        return None
    return match.group(1), match.group(2), int(match.group(3), 16)


def _remote(trace_id: str, span_id: str | None = None, flags: int = TraceFlags.SAMPLED) -> SpanContext:
    return SpanContext(
        trace_id=int(trace_id, 16),
        span_id=int(span_id, 16) if span_id else random.getrandbits(64) or 1,
        is_remote=True,
        trace_flags=TraceFlags(flags),
    )


def _parent(traceparent: str | None, trace_id: str | None) -> SpanContext | None:
    """Whom a new span continues: an incoming ``traceparent``, else a stored trace id, else nothing."""
    parsed = _parse(traceparent)
    if parsed is not None:
        return _remote(*parsed)
    if trace_id and TRACE_ID.match(trace_id) and trace_id != _INVALID_TRACE:
        return _remote(trace_id)
    return None


@contextlib.contextmanager
def span(
    name: str,
    *,
    traceparent: str | None = None,
    trace_id: str | None = None,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: dict[str, Any] | None = None,
    links: Sequence[str] = (),
) -> Iterator[Any]:
    """A span named ``name`` (a no-op one while tracing is off) for the block, child of ``traceparent`` /
    ``trace_id`` when given (a new trace's root when neither is and none is current); every log line inside
    carries the trace id. ``links`` are other trace ids the work also serves (coalesced notifications)."""
    parent = _parent(traceparent, trace_id)
    outer = _trace_id.get()
    if _tracer is None:
        adopted = f"{parent.trace_id:032x}" if parent is not None else None
        if outer is not None and adopted in {None, outer}:
            yield trace.INVALID_SPAN  # inside its own trace already: nothing to bind (a Mercado Livre call)
            return
        yield from _bound(adopted or outer or f"{random.getrandbits(128) or 1:032x}", trace.INVALID_SPAN)
        return
    context = trace.set_span_in_context(NonRecordingSpan(parent)) if parent is not None else None
    own = parent.trace_id if parent is not None else None
    others = [t for t in dict.fromkeys(links) if TRACE_ID.match(t) and int(t, 16) not in {own, 0}]
    span_links = [Link(_remote(other)) for other in others]
    with _tracer.start_as_current_span(
        name, context=context, kind=kind, attributes=attributes, links=span_links
    ) as current:
        yield from _bound(f"{current.get_span_context().trace_id:032x}", current)


def _bound(trace_id: str, current: Any) -> Iterator[Any]:
    token = _trace_id.set(trace_id)
    try:
        with structlog.contextvars.bound_contextvars(trace_id=trace_id):
            yield current
    finally:
        _trace_id.reset(token)
