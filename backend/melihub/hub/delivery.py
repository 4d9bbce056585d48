"""Sending the ready notifications: a job per order (queued after a change), a sweeper for what is due.

Each try first **claims** the notification in its own transaction (``SENDING``, ``attempts`` + 1, a
lease of ``hub_notification_lease_s`` in ``next_attempt_at``), then sends, then records the outcome. Two
workers never send the same one at once (``FOR UPDATE SKIP LOCKED`` and the lease); a worker killed
mid-send leaves a claim whose lease runs out, and the sweeper tries again with the same idempotency key
(the e-mail's ``Message-ID``, the providers' ``Idempotency-Key``). The channel is the first of WHATSAPP,
SMS, EMAIL that is configured and can reach the recipient; a failure the provider may recover from is
retried with backoff, up to ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlmodel import col, select

from melihub.db.base import utcnow
from melihub.hub.drivers import notifiers_for
from melihub.hub.hub_settings import notifier_config, settings_of
from melihub.hub.models import DeliveryStatus, HubNotification, HubOrder
from melihub.hub.notifier import (
    Channel,
    DeliveryFailed,
    Destination,
    Notifier,
    NotifierConfig,
    ReadyMessage,
    backoff_seconds,
    mask_email,
    mask_phone,
)
from melihub.observability import get_logger
from melihub.runtime import Services

MAX_ATTEMPTS = 8
CHANNEL_ORDER = (Channel.WHATSAPP, Channel.SMS, Channel.EMAIL)
OPEN = (DeliveryStatus.PENDING.value, DeliveryStatus.RETRYING.value, DeliveryStatus.SENDING.value)
DUE = "SELECT tenant_id, id FROM melihub_hub_due_notifications(:now)"
log = get_logger("melihub.hub.delivery")


@dataclass(frozen=True)
class Claimed:
    notification: HubNotification
    order: HubOrder
    message: ReadyMessage
    config: NotifierConfig


def pick_channel(available: dict[Channel, Notifier], destination: Destination) -> Channel | None:
    for channel in CHANNEL_ORDER:
        address = destination.email if channel is Channel.EMAIL else destination.phone
        if channel in available and address:
            return channel
    return None


def _masked(channel: Channel, destination: Destination) -> str | None:
    if channel is Channel.EMAIL:
        return mask_email(destination.email) if destination.email else None
    return mask_phone(destination.phone) if destination.phone else None


async def _claim(services: Services, tenant_id: uuid.UUID, notification_id: uuid.UUID, now: datetime) -> Claimed | None:
    async with services.db.tenant(tenant_id) as session:
        query = (
            select(HubNotification)
            .where(col(HubNotification.id) == notification_id, col(HubNotification.status).in_(OPEN))
            .with_for_update(skip_locked=True)
        )
        row = (await session.exec(query)).first()
        if row is None or (row.next_attempt_at is not None and row.next_attempt_at > now):
            return None  # sent, failed, held by another try, or not due yet
        order = await session.get(HubOrder, row.hub_order_id)
        if order is None:
            return None
        hub = await settings_of(session, tenant_id)
        lease = timedelta(seconds=services.settings.hub_notification_lease_s)
        row.status, row.attempts, row.next_attempt_at, row.updated_at = "SENDING", row.attempts + 1, now + lease, now
        session.add(row)
        message = ReadyMessage(
            order_code=order.code,
            recipient_name=order.recipient_name or "",
            hub_name=hub.name,
            hub_address=hub.address,
            pickup_hours=hub.pickup_hours,
            idempotency_key=f"melihub-{row.id}",
        )
        config = notifier_config(NotifierConfig.from_settings(services.settings), hub, services.keyring)
    return Claimed(row, order, message, config)


async def _record(
    services: Services, claimed: Claimed, *, status: DeliveryStatus, now: datetime, **values: object
) -> None:
    row = claimed.notification
    async with services.db.tenant(row.tenant_id) as session:
        stored = await session.get(HubNotification, row.id, with_for_update=True)
        if stored is None or stored.attempts != row.attempts:
            return  # another try claimed it since (this one's lease ran out)
        stored.status, stored.updated_at = status.value, now
        for name, value in values.items():
            setattr(stored, name, value)
        session.add(stored)


async def deliver(services: Services, tenant_id: uuid.UUID, notification_id: uuid.UUID) -> str:
    """One try of one notification; the status it ended with (SKIPPED when there was nothing to try)."""
    now = utcnow()
    claimed = await _claim(services, tenant_id, notification_id, now)
    if claimed is None:
        return "SKIPPED"
    destination = Destination(email=claimed.order.recipient_email, phone=claimed.order.recipient_phone)
    config_error: str | None = None
    try:
        available = notifiers_for(claimed.config)
    except ValueError as exc:  # a company's provider URL that no driver takes
        available, config_error = {}, str(exc)
    channel = pick_channel(available, destination)
    if channel is None:
        reason = config_error or "no configured channel can reach the recipient (a phone for SMS/WhatsApp, an e-mail)"
        await _record(services, claimed, status=DeliveryStatus.FAILED, now=utcnow(), last_error=reason)
        log.warning("hub.notification.undeliverable", notification=str(notification_id), reason=reason)
        return DeliveryStatus.FAILED.value
    return await _send(services, claimed, available[channel], channel, destination)


async def _send(
    services: Services, claimed: Claimed, notifier: Notifier, channel: Channel, destination: Destination
) -> str:
    where = _masked(channel, destination)
    attempts = claimed.notification.attempts
    try:
        receipt = await notifier.send(claimed.message, destination)
    except DeliveryFailed as exc:
        final = not exc.retryable or attempts >= MAX_ATTEMPTS
        status = DeliveryStatus.FAILED if final else DeliveryStatus.RETRYING
        wait = exc.retry_after_s if exc.retry_after_s is not None else backoff_seconds(attempts)
        retry_at = None if final else utcnow() + timedelta(seconds=wait)
        await _record(
            services,
            claimed,
            status=status,
            now=utcnow(),
            channel=channel.value,
            destination=where,
            last_error=exc.message[:1000],
            next_attempt_at=retry_at,
        )
        log.warning(
            "hub.notification.failed",
            notification=str(claimed.notification.id),
            channel=channel.value,
            to=where,
            attempt=attempts,
            retry_at=str(retry_at or ""),
            error=exc.message[:200],
        )
        return status.value
    now = utcnow()
    await _record(
        services,
        claimed,
        status=DeliveryStatus.SENT,
        now=now,
        channel=channel.value,
        destination=where,
        sent_at=now,
        provider_id=receipt.provider_id,
        last_error=None,
        next_attempt_at=None,
    )
    log.info(
        "hub.notification.sent",
        notification=str(claimed.notification.id),
        channel=channel.value,
        to=where,
        attempt=attempts,
    )
    return DeliveryStatus.SENT.value


async def deliver_order(services: Services, tenant_id: uuid.UUID, hub_order_id: uuid.UUID) -> list[str]:
    """Try every due notification of one order (a job queued after the order changed)."""
    async with services.db.tenant(tenant_id) as session:
        query = select(HubNotification.id).where(
            col(HubNotification.hub_order_id) == hub_order_id, col(HubNotification.status).in_(OPEN)
        )
        ids = list((await session.exec(query)).all())
    return [await deliver(services, tenant_id, notification_id) for notification_id in ids]


async def sweep(services: Services, *, deadline: float | None = None) -> int:
    """Try every due notification of every tenant (their leases run out too); how many were tried."""
    async with services.db.global_session() as session:
        due = (await session.exec(text(DUE), params={"now": utcnow()})).all()  # type: ignore[call-overload]
    tried = 0
    for tenant_id, notification_id in due:
        if deadline is not None and time.monotonic() >= deadline:
            break
        await deliver(services, tenant_id, notification_id)
        tried += 1
    return tried
