"""One try of one delivery, the retry schedule, and the sweeper of what is due.

A try first **claims** the row in its own transaction (``SENDING``, ``attempts`` + 1, a lease of
``outbound_webhook_lease_s`` in ``next_attempt_at``), then posts, then records the outcome. Two workers
never send one delivery at once (``FOR UPDATE SKIP LOCKED`` and the lease); a worker killed mid-try leaves
a claim whose lease runs out and the sweeper queues it again. Retries keep ``X-Melihub-Delivery``; the
signature (and its timestamp) is made afresh for each try.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlmodel import col, select

from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.integrator_webhooks import sender
from melihub.integrator_webhooks.models import (
    OPEN_STATUSES,
    DeliveryStatus,
    SubscriptionStatus,
    WebhookDelivery,
    WebhookSubscription,
)
from melihub.integrator_webhooks.service import secret_of
from melihub.integrator_webhooks.urls import UrlPolicy, check_host
from melihub.observability import get_logger
from melihub.runtime import Services

DELIVER_JOB = "deliver_webhook"
DUE = "SELECT tenant_id, id, attempts FROM melihub_webhook_due_deliveries(:now)"
JITTER = 0.1
log = get_logger("melihub.integrator_webhooks")


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    tenant_id: uuid.UUID
    subscription_id: uuid.UUID
    attempt: int
    event: str
    url: str
    secret: str
    body: bytes


def job_id(delivery_id: uuid.UUID, attempts: int) -> str:
    """One job per try of a delivery: the same try queued twice (the sweeper, a replay) is one job."""
    return f"webhook-delivery:{delivery_id}:{attempts}"


async def enqueue(
    services: Services, tenant_id: uuid.UUID, delivery_id: uuid.UUID, attempts: int, at: datetime | None = None
) -> bool:
    """Wake a worker for the delivery's next try; False when Redis is away (the sweeper will)."""
    try:
        job = await services.redis.enqueue_job(
            DELIVER_JOB, str(tenant_id), str(delivery_id), _job_id=job_id(delivery_id, attempts), _defer_until=at
        )
    except Exception as exc:  # noqa: BLE001 - the delivery row is stored; the sweeper queues it
        log.warning("webhook.enqueue_failed", delivery=str(delivery_id), error=type(exc).__name__)
        return False
    return job is not None


def retry_delay_s(services: Services, attempts: int) -> float | None:
    """Seconds to wait after the ``attempts``-th failed try (with jitter); None: no more tries."""
    delays = services.settings.outbound_webhook_retry_delays_s
    if attempts > len(delays):
        return None
    return float(delays[attempts - 1]) * random.uniform(1 - JITTER, 1 + JITTER)


async def _claim(services: Services, tenant_id: uuid.UUID, delivery_id: uuid.UUID, now: datetime) -> Claimed | str:
    async with services.db.tenant(tenant_id) as session:
        query = (
            select(WebhookDelivery)
            .where(col(WebhookDelivery.id) == delivery_id, col(WebhookDelivery.status).in_(OPEN_STATUSES))
            .with_for_update(skip_locked=True)
        )
        row = (await session.exec(query)).first()
        if row is None or (row.next_attempt_at is not None and row.next_attempt_at > now):
            return "SKIPPED"  # delivered, failed, held by another try, or not due yet
        subscription = await session.get(WebhookSubscription, row.subscription_id)
        if subscription is None or subscription.status != SubscriptionStatus.ACTIVE.value:
            row.status, row.next_attempt_at, row.updated_at = DeliveryStatus.FAILED.value, None, now
            row.last_error = "the subscription is paused or disabled"
            session.add(row)
            return DeliveryStatus.FAILED.value
        lease = timedelta(seconds=services.settings.outbound_webhook_lease_s)
        row.status, row.attempts, row.next_attempt_at, row.updated_at = "SENDING", row.attempts + 1, now + lease, now
        session.add(row)
        secret = secret_of(subscription, services.keyring)
        return Claimed(
            row.id, tenant_id, subscription.id, row.attempts, row.event, subscription.url, secret, row.body.encode()
        )


async def deliver(services: Services, tenant_id: uuid.UUID, delivery_id: uuid.UUID) -> str:
    """One try of one delivery; the status it ended with (SKIPPED when there was nothing to try)."""
    claimed = await _claim(services, tenant_id, delivery_id, utcnow())
    if isinstance(claimed, str):
        return claimed
    try:
        await check_host(claimed.url, UrlPolicy.of(services.settings))
    except DomainError as exc:
        result = sender.TryResult(False, None, 0, None, f"refused by the SSRF guard: {exc}")
    else:
        headers = sender.headers_for(claimed.secret, claimed.body, claimed.event, claimed.delivery_id)
        result = await sender.post(
            claimed.url, claimed.body, headers, timeout_s=services.settings.outbound_webhook_timeout_s
        )
    return await _record(services, claimed, result)


async def _record(services: Services, claimed: Claimed, result: sender.TryResult) -> str:
    now = utcnow()
    wait = None if result.ok else retry_delay_s(services, claimed.attempt)
    retry_at = now + timedelta(seconds=wait) if wait is not None else None
    status = DeliveryStatus.DELIVERED if result.ok else DeliveryStatus.RETRYING if retry_at else DeliveryStatus.FAILED
    async with services.db.tenant(claimed.tenant_id) as session:
        row = await session.get(WebhookDelivery, claimed.delivery_id, with_for_update=True)
        if row is None or row.attempts != claimed.attempt:
            return "SKIPPED"  # deleted, or another try claimed it since (this one's lease ran out)
        row.status, row.updated_at, row.next_attempt_at = status.value, now, retry_at
        row.response_status, row.response_body, row.duration_ms = result.status, result.reply, result.duration_ms
        row.last_error = result.error
        row.delivered_at = now if result.ok else None
        session.add(row)
        subscription = await session.get(WebhookSubscription, claimed.subscription_id, with_for_update=True)
        if subscription is not None:
            _count_try(services, subscription, ok=result.ok)
            session.add(subscription)
    _log_try(claimed, status, result, retry_at)
    if retry_at is not None:
        await enqueue(services, claimed.tenant_id, claimed.delivery_id, claimed.attempt, retry_at)
    return status.value


def _count_try(services: Services, subscription: WebhookSubscription, *, ok: bool) -> None:
    """Failed tries in a row, whatever the delivery; too many disable the subscription until re-enabled."""
    subscription.consecutive_failures = 0 if ok else subscription.consecutive_failures + 1
    limit = services.settings.outbound_webhook_disable_after
    if not ok and subscription.consecutive_failures >= limit and subscription.status == "ACTIVE":
        subscription.status = SubscriptionStatus.DISABLED.value
        subscription.disabled_reason = f"{subscription.consecutive_failures} failed tries in a row"
        subscription.updated_at = utcnow()
        log.warning("webhook.subscription_disabled", subscription=str(subscription.id), failures=limit)


def _log_try(claimed: Claimed, status: DeliveryStatus, result: sender.TryResult, retry_at: datetime | None) -> None:
    fields = {
        "delivery": str(claimed.delivery_id),
        "subscription": str(claimed.subscription_id),
        "webhook_event": claimed.event,
        "attempt": claimed.attempt,
        "status": status.value,
        "http_status": result.status,
        "ms": result.duration_ms,
    }
    if result.ok:
        log.info("webhook.delivered", **fields)
    else:
        log.warning("webhook.try_failed", **fields, retry_at=str(retry_at or ""), error=(result.error or "")[:200])


async def sweep(services: Services, *, deadline: float | None = None) -> int:
    """Queue every due delivery of every tenant (lost jobs, leases run out); how many were queued."""
    async with services.db.global_session() as session:
        due = (await session.exec(text(DUE), params={"now": utcnow()})).all()  # type: ignore[call-overload]
    queued = 0
    for tenant_id, delivery_id, attempts in due:
        if deadline is not None and time.monotonic() >= deadline:
            break
        if await enqueue(services, tenant_id, delivery_id, attempts):
            queued += 1
    return queued
