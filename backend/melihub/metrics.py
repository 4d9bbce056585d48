"""Every Prometheus series melihub's processes record, defined in one place (docs/operations.md "Monitoring").

This module imports nothing of melihub, so any layer (the Mercado Livre client included) may record here.
Label values are closed sets or bounded by the helpers below: a route template, never a raw path; a
family, topic or status, never an id, a tenant or a person. Recording is in-process (a memory write,
or an mmap'd file in multiprocess mode): no Redis or database round trip on a request's path.

Gauges computed from Redis and PostgreSQL (queue backlog, breakers) are not here: ``metrics_http``
reads them when Prometheus scrapes.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from prometheus_client import Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
LONG_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
WAIT_BUCKETS = (0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

HTTP_REQUESTS = Counter(
    "melihub_http_requests", "HTTP requests answered, by route template and status.", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "melihub_http_request_duration_seconds",
    "HTTP request latency by route template.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_OPERATIONS = Counter(
    "melihub_graphql_operations",
    "GraphQL operations over HTTP, by operation name and outcome.",
    ["operation", "outcome"],
)
GRAPHQL_DURATION = Histogram(
    "melihub_graphql_operation_duration_seconds",
    "GraphQL operation latency by operation name.",
    ["operation"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_SUBSCRIPTIONS = Gauge(
    "melihub_graphql_subscriptions_open",
    "GraphQL subscriptions open now, by transport.",
    ["transport"],
    multiprocess_mode="livesum",  # a dead process's subscriptions are gone with it
)
WEBHOOK_NOTIFICATIONS = Counter(
    "melihub_webhook_notifications",
    "Mercado Livre notifications received, by outcome (received, duplicate, rejected_* ...).",
    ["outcome"],
)
PIPELINE_RUNS = Counter(
    "melihub_pipeline_runs", "Notification pipeline runs, by topic and outcome status.", ["topic", "status"]
)
PIPELINE_DURATION = Histogram(
    "melihub_pipeline_duration_seconds", "Notification pipeline run latency, by topic.", ["topic"], buckets=LONG_BUCKETS
)
MELI_REQUESTS = Counter(
    "melihub_meli_requests",
    "Mercado Livre API attempts, by endpoint family, method and HTTP status (or the transport failure).",
    ["family", "method", "status"],
)
MELI_DURATION = Histogram(
    "melihub_meli_request_duration_seconds",
    "Mercado Livre API attempt latency, by endpoint family.",
    ["family"],
    buckets=LATENCY_BUCKETS,
)
MELI_RATE_WAIT = Histogram(
    "melihub_meli_rate_wait_seconds",
    "Time an attempt waited for a rate-limit slot, by endpoint family.",
    ["family"],
    buckets=WAIT_BUCKETS,
)
MELI_BREAKER_REFUSALS = Counter(
    "melihub_meli_breaker_refusals",
    "Calls refused by an open (or half-open, trial running) circuit breaker, by family and state.",
    ["family", "state"],
)
SYNC_ITEMS = Counter("melihub_sync_items", "Records a sync has brought in, by resource.", ["resource"])
SYNC_SLICES = Counter("melihub_sync_slices", "Sync run slices ended, by the run's status after the slice.", ["status"])

HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OPERATION_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
OPERATION_NAME_MAX = 64
# Names come from clients: past this many distinct ones in a process, new names count as "other".
OPERATION_NAMES_CAP = 200
_operation_names: set[str] = set()
_operation_lock = threading.Lock()


_children: dict[tuple[int, tuple[str, ...]], Any] = {}
CHILDREN_CAP = 20_000


def series(metric: Any, *labels: str) -> Any:
    """``metric.labels(*labels)``, kept: the library's lookup costs as much as the increment itself, and
    the hot paths (every request, every notification) reuse a few label sets."""
    key = (id(metric), labels)
    child = _children.get(key)
    if child is None:
        child = metric.labels(*labels)
        if len(_children) < CHILDREN_CAP:  # label values are bounded; the cap is a second fence
            _children[key] = child
    return child


def http_method(method: str) -> str:
    return method if method in HTTP_METHODS else "OTHER"


def operation_label(name: object) -> str:
    """The label of a GraphQL operation name: ``anonymous`` without one, bounded in length and number."""
    if not isinstance(name, str) or not name:
        return "anonymous"
    name = name[:OPERATION_NAME_MAX]
    if not OPERATION_NAME.fullmatch(name):
        return "invalid"
    if name in _operation_names:
        return name
    with _operation_lock:
        if len(_operation_names) >= OPERATION_NAMES_CAP:
            return "other"
        _operation_names.add(name)
    return name


def record_operation(name: object, failed: bool, seconds: float) -> None:
    operation = operation_label(name)
    series(GRAPHQL_OPERATIONS, operation, "error" if failed else "ok").inc()
    series(GRAPHQL_DURATION, operation).observe(seconds)


def record_meli_call(family: str, method: str, status: int | None, seconds: float, waited: float) -> None:
    """One attempt at Mercado Livre: ``status`` None is a transport failure (timeout, connection)."""
    series(MELI_REQUESTS, family, http_method(method), str(status) if status is not None else "transport").inc()
    series(MELI_DURATION, family).observe(seconds)
    series(MELI_RATE_WAIT, family).observe(waited)
