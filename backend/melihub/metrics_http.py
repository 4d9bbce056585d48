"""GET /metrics: the Prometheus exposition of this machine's melihub processes, plus gauges read at scrape.

Served to a client address in ``MELIHUB_METRICS_ALLOW`` (loopback by default) or to a bearer of
``MELIHUB_METRICS_TOKEN``; anyone else gets 401 (a token is configured) or 403, never the data.
In multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, set by ``melihub serve`` and ``melihub worker``) the
series of every process writing to the folder are summed. The backlog, breaker and worker gauges are
read from Redis and PostgreSQL when scraped (each API answers the same values: take ``max`` across
instances); a store that does not answer in time leaves its gauges out and sets
``melihub_scrape_errors{source}``.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import ipaddress
import time
from collections import Counter as Tally
from collections.abc import Coroutine, Iterator
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.types import Scope

from melihub import health, metrics, metrics_dir
from melihub.config import Settings
from melihub.events.queue_status import queue_status
from melihub.meli.families import FAMILIES
from melihub.observability import get_logger
from melihub.runtime import QUEUE_NAME, Services

log = get_logger("melihub.metrics")
SCRAPE_TIMEOUT_S = 2.0
BREAKER_KEYS_MAX = 10_000
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def _address_allowed(request: Request, cidrs: list[str]) -> bool:
    try:
        address = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in _networks(tuple(cidrs)))


def _refusal(request: Request, settings: Settings) -> Response | None:
    """None when the caller may read the metrics, else the 401/403 to answer."""
    token = settings.metrics_token.get_secret_value() if settings.metrics_token else None
    header = request.headers.get("authorization")
    if token and header is not None:
        if hmac.compare_digest(header.strip().encode(), f"Bearer {token}".encode()):
            return None
        return _refused(401, "bad_token", "the metrics token does not match")
    if _address_allowed(request, settings.metrics_allow):
        return None
    if token:
        return _refused(401, "unauthorized", "a bearer token is required for /metrics")
    return _refused(403, "forbidden", "/metrics is served to internal addresses only")


def _refused(status: int, code: str, message: str) -> Response:
    response = JSONResponse({"error": code, "message": message}, status_code=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="melihub-metrics"'
    return response


async def metrics_endpoint(request: Request) -> Response:
    services: Services = request.app.state.services
    refused = _refusal(request, services.settings)
    if refused is not None:
        return refused
    snapshot = _Snapshot(await _scrape_time_families(services))
    try:
        body = await run_in_threadpool(_exposition, snapshot)
    except Exception as exc:  # noqa: BLE001 - a scrape that cannot be read is a 503, not a 500
        log.warning("metrics.exposition_failed", error=type(exc).__name__)
        return Response("metrics unavailable\n", status_code=503, media_type="text/plain")
    return Response(body, media_type=CONTENT_TYPE_LATEST)


class _Snapshot:
    """The gauges read for this scrape, as a collector of their own registry."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterator[Metric]:
        yield from self.families


def _exposition(snapshot: _Snapshot) -> bytes:
    folder = metrics_dir.multiprocess_dir()
    if folder is not None:
        metrics_dir.prune(folder)  # a dead API process's open subscriptions are no longer open
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=str(folder))
        recorded = generate_latest(registry)
    else:
        recorded = generate_latest(REGISTRY)
    scraped = CollectorRegistry()
    scraped.register(snapshot)
    return recorded + generate_latest(scraped)


async def _scrape_time_families(services: Services) -> list[Metric]:
    families: list[Metric] = []
    errors = GaugeMetricFamily(
        "melihub_scrape_errors", "1 when a source of scrape-time gauges failed.", labels=["source"]
    )
    readers: dict[str, Coroutine[Any, Any, list[Metric]]] = {
        "queue": _queue_families(services),
        "inbox": _inbox_families(services),
        "breakers": _breaker_families(services),
        "workers": _worker_families(services),
    }
    answers = await asyncio.gather(
        *(asyncio.wait_for(reader, SCRAPE_TIMEOUT_S) for reader in readers.values()), return_exceptions=True
    )
    for source, answer in zip(readers, answers, strict=True):
        if isinstance(answer, BaseException):  # a store down is a gauge, never a failed scrape
            log.warning("metrics.source_failed", source=source, error=type(answer).__name__)
            errors.add_metric([source], 1)
        else:
            families.extend(answer)
            errors.add_metric([source], 0)
    families.append(errors)
    return families


async def _queue_families(services: Services) -> list[Metric]:
    now_ms = time.time() * 1000
    pipe = services.redis.pipeline(transaction=False)
    pipe.zcard(QUEUE_NAME)
    pipe.zcount(QUEUE_NAME, "-inf", now_ms)
    pipe.zrangebyscore(QUEUE_NAME, "-inf", now_ms, start=0, num=1, withscores=True)
    total, ready, oldest = await pipe.execute()
    jobs = GaugeMetricFamily("melihub_queue_jobs", "Jobs in the worker queue, ready or deferred.", labels=["state"])
    jobs.add_metric(["ready"], int(ready))
    jobs.add_metric(["deferred"], int(total) - int(ready))
    age = GaugeMetricFamily("melihub_queue_oldest_job_age_seconds", "How long the oldest ready job has waited.")
    age.add_metric([], max(0.0, (now_ms - float(oldest[0][1])) / 1000) if oldest else 0.0)
    return [jobs, age]


async def _inbox_families(services: Services) -> list[Metric]:
    status = await queue_status(services, None)
    now = time.time()
    events = GaugeMetricFamily(
        "melihub_inbox_events",
        "Integration events not yet processed, by channel and state.",
        labels=["channel", "state"],
    )
    oldest = GaugeMetricFamily(
        "melihub_inbox_oldest_pending_age_seconds", "Age of the oldest waiting event, by channel.", labels=["channel"]
    )
    for backlog in status.channels:
        for state, value in (
            ("pending", backlog.pending),
            ("retrying", backlog.retrying),
            ("failed", backlog.failed),
            ("reprocess_pending", backlog.reprocess_pending),
        ):
            events.add_metric([backlog.channel, state], value)
        waited = now - backlog.oldest_pending.timestamp() if backlog.oldest_pending else 0.0
        oldest.add_metric([backlog.channel], max(0.0, waited))
    return [events, oldest]


async def _breaker_families(services: Services) -> list[Metric]:
    prefix = services.meli.breaker.prefix if services.meli is not None else "meli"
    keys: list[bytes] = []
    async for key in services.redis.scan_iter(match=f"{prefix}:cb:*", count=500):
        keys.append(key)
        if len(keys) >= BREAKER_KEYS_MAX:
            break
    pipe = services.redis.pipeline(transaction=False)
    for key in keys:
        pipe.hget(key, "state")
    states = await pipe.execute() if keys else []
    tally = Tally(
        (_family_of_key(key), state.decode() if isinstance(state, bytes) else str(state))
        for key, state in zip(keys, states, strict=True)
        if state
    )
    family = GaugeMetricFamily(
        "melihub_meli_breakers", "Account circuit breakers by endpoint family and state.", labels=["family", "state"]
    )
    for name in FAMILIES:
        for state in ("open", "half_open"):
            family.add_metric([name, state], tally.get((name, state), 0))
    return [family]


def _family_of_key(key: bytes | str) -> str:
    name = (key.decode() if isinstance(key, bytes) else key).rsplit(":", 1)[-1]
    return name if name in FAMILIES else "other"


async def _worker_families(services: Services) -> list[Metric]:
    beats = await services.redis.hgetall(health.WORKER_HEARTBEAT_KEY)
    now = time.time()
    alive = GaugeMetricFamily("melihub_workers_alive", "Workers whose heartbeat is recent.")
    alive.add_metric([], sum(1 for beat in beats.values() if now - float(beat) < health.WORKER_STALE_S))
    return [alive]


def route_label(scope: Scope) -> str:
    """The matched route's template (``/downloads/{token}``), never the raw path: a bounded label."""
    route = scope.get("route")
    if route is None:
        return "unmatched"
    if isinstance(route, Mount):
        return f"{route.path}/{{path}}"
    return str(getattr(route, "path", "unmatched"))


def record_request(scope: Scope, status: int, seconds: float) -> None:
    """One HTTP request's series (two in-memory writes; the scrape sums them)."""
    method = metrics.http_method(scope["method"])
    route = route_label(scope)
    # No response started: the app raised, and the server answers 500.
    metrics.series(metrics.HTTP_REQUESTS, method, route, str(status or 500)).inc()
    metrics.series(metrics.HTTP_DURATION, method, route).observe(seconds)
