"""Process a notification: fetch the resource's latest state, apply it idempotently, publish.

One run handles every pending event of one resource (coalescing). Applying the resource and
marking its events processed happen in one transaction, so a crash anywhere leaves either both
or neither; a rerun finds the version already claimed in ``idempotency_keys`` and changes nothing.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace

import structlog

from melihub import metrics, tracing
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.db.idempotent import ApplyResult
from melihub.errors import DomainError
from melihub.events import timeline
from melihub.meli import errors as meli_errors
from melihub.observability import get_logger
from melihub.realtime.bus import Change, publish
from melihub.resources import registry
from melihub.resources.registry import Bundle
from melihub.runtime import Services

log = get_logger("melihub.pipeline")
PERMANENT = (
    meli_errors.NotFound,
    meli_errors.Forbidden,
    meli_errors.ValidationError,
    registry.UnsupportedResource,
    DomainError,
)
NEEDS_REAUTH = (meli_errors.ReauthRequired,)


@dataclass(frozen=True)
class Outcome:
    status: str  # processed | retrying | failed | ignored | nothing
    events: int
    results: tuple[ApplyResult, ...] = ()
    error: str | None = None
    trace_id: str | None = None
    event_id: uuid.UUID | None = None  # the first event of the run (its log lines name it)


async def _fetch(services: Services, tenant_id: uuid.UUID, account: MeliAccount, topic: str, resource: str) -> Bundle:
    if services.connector_factory is None:
        raise RuntimeError("no Mercado Livre connector: call connections.runtime.install_meli at start-up")
    connector = services.connector_factory(account)
    return await registry.fetch_notification(connector, topic, resource, lambda: services.db.tenant(tenant_id))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:1000]


async def process_resource(
    services: Services, tenant_id: uuid.UUID, topic: str, resource: str, *, traceparent: str | None = None
) -> Outcome:
    """``traceparent``: the trace the job carries (the webhook's); without one, the run continues the trace
    its first event stored, so one trace id links the webhook, the worker's calls, the write and the publish."""
    started = time.perf_counter()
    with structlog.contextvars.bound_contextvars(tenant=str(tenant_id)):
        outcome = await _process(services, tenant_id, topic, resource, traceparent)
    if outcome.status != "nothing":
        _count(topic, outcome.status, time.perf_counter() - started)
        log.info(
            "pipeline.done",
            tenant=str(tenant_id),
            trace_id=outcome.trace_id,
            event_id=str(outcome.event_id),
            topic=topic,
            resource=resource,
            status=outcome.status,
            events=outcome.events,
            ms=round((time.perf_counter() - started) * 1000, 1),
        )
    return outcome


async def _process(
    services: Services, tenant_id: uuid.UUID, topic: str, resource: str, traceparent: str | None
) -> Outcome:
    settings = services.settings
    db = services.db
    async with db.tenant(tenant_id) as session:
        claimed = await timeline.claim(
            session, tenant_id, topic, resource, stale_after_s=settings.event_stale_processing_s
        )
        account_id = next((e.meli_account_id for e in claimed if e.meli_account_id), None)
        account = await session.get(MeliAccount, account_id) if account_id else None
    if not claimed:
        return Outcome(status="nothing", events=0)
    traces = [event.trace_id for event in claimed if event.trace_id]
    with (
        tracing.span(
            "pipeline.process_resource",
            traceparent=traceparent,
            trace_id=traces[0] if traces else None,
            kind=tracing.SpanKind.CONSUMER,
            attributes={"melihub.topic": topic, "melihub.resource": resource, "melihub.events": len(claimed)},
            links=traces,
        ),
        structlog.contextvars.bound_contextvars(event_id=str(claimed[0].id)),
    ):
        outcome = await _run(services, tenant_id, topic, resource, claimed, account)
        return replace(outcome, trace_id=tracing.current_trace_id(), event_id=claimed[0].id)


async def _run(
    services: Services,
    tenant_id: uuid.UUID,
    topic: str,
    resource: str,
    claimed: list[timeline.ClaimedEvent],
    account: MeliAccount | None,
) -> Outcome:
    ids = [event.id for event in claimed]
    attempts = max(event.attempts for event in claimed)
    await _publish_events(services, tenant_id, ids)
    if account is None or account.status != AccountStatus.ACTIVE.value:
        return await _finish_failed(services, tenant_id, ids, "the Mercado Livre account is not active")
    try:
        bundle = await _fetch(services, tenant_id, account, topic, resource)
    except registry.Unresolved as exc:
        return await _finish_ignored(services, tenant_id, ids, str(exc))
    except NEEDS_REAUTH as exc:
        return await _finish_failed(services, tenant_id, ids, f"account needs re-authorization ({exc})")
    except PERMANENT as exc:
        return await _finish_failed(services, tenant_id, ids, _describe(exc))
    except Exception as exc:  # noqa: BLE001 - transient by default: timeouts, 5xx, breaker, network
        return await _finish_retry(services, tenant_id, ids, attempts, _describe(exc))
    return await _apply_bundle(services, tenant_id, account, bundle, ids, attempts)


async def _apply_bundle(
    services: Services,
    tenant_id: uuid.UUID,
    account: MeliAccount,
    bundle: Bundle,
    ids: list[uuid.UUID],
    attempts: int,
) -> Outcome:
    try:
        with tracing.span("db.apply", attributes={"db.system": "postgresql", "melihub.events": len(ids)}):
            async with services.db.tenant(tenant_id) as session:
                applied = await registry.apply_bundle(session, account, bundle, ids[0])
                await timeline.mark_processed(session, ids, applied[-1].version)
    except DomainError as exc:
        return await _finish_failed(services, tenant_id, ids, _describe(exc))
    except Exception as exc:  # noqa: BLE001 - database trouble: try again later
        log.warning("pipeline.apply_failed", error=_describe(exc), tenant=str(tenant_id))
        return await _finish_retry(services, tenant_id, ids, attempts, _describe(exc))
    for result in applied:
        if result.changed and result.entity_id:
            await publish(
                services.redis,
                Change(str(tenant_id), result.entity_type, str(result.entity_id), result.version, str(account.id)),
            )
    await _publish_events(services, tenant_id, ids)
    return Outcome(status="processed", events=len(ids), results=tuple(applied))


async def _finish_ignored(services: Services, tenant_id: uuid.UUID, ids: list[uuid.UUID], reason: str) -> Outcome:
    async with services.db.tenant(tenant_id) as session:
        await timeline.mark_ignored(session, ids, reason)
    await _publish_events(services, tenant_id, ids)
    return Outcome(status="ignored", events=len(ids))


async def _finish_failed(services: Services, tenant_id: uuid.UUID, ids: list[uuid.UUID], error: str) -> Outcome:
    async with services.db.tenant(tenant_id) as session:
        await timeline.mark_failed(session, ids, error)
    await _publish_events(services, tenant_id, ids)
    return Outcome(status="failed", events=len(ids), error=error)


async def _finish_retry(
    services: Services, tenant_id: uuid.UUID, ids: list[uuid.UUID], attempts: int, error: str
) -> Outcome:
    when = timeline.next_attempt(attempts, services.settings.event_retry_delays_s)
    if when is None:
        return await _finish_failed(services, tenant_id, ids, f"gave up after {attempts} attempts: {error}")
    async with services.db.tenant(tenant_id) as session:
        await timeline.mark_retrying(session, ids, error, when)
    await _publish_events(services, tenant_id, ids)
    return Outcome(status="retrying", events=len(ids), error=error)


async def _publish_events(services: Services, tenant_id: uuid.UUID, ids: list[uuid.UUID]) -> None:
    for event_id in ids:
        await publish(services.redis, Change(str(tenant_id), "integration_event", str(event_id)))


def _count(topic: str, status: str, seconds: float) -> None:
    label = topic if topic in registry.HANDLED_TOPICS else "other"  # topics come from outside: bounded
    metrics.PIPELINE_RUNS.labels(label, status).inc()
    metrics.PIPELINE_DURATION.labels(label).observe(seconds)
