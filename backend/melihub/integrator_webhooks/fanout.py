"""From a published change to one delivery row per matching subscription, then a job for each.

``WebhookFanout`` runs in every worker process: it reads the realtime bus (all tenants' channels, with
the event hub's reconnecting reader) and records the deliveries. With several workers each one hears
every change; a short Redis claim per message lets one of them record it, and the unique
``(subscription_id, dedupe_key)`` turns a republished version into no second delivery. The bus is best
effort: a change published while no worker listens has no webhook (the object itself is in the API).
Once a delivery row exists it is delivered at least once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from melihub.aio import cancel_and_wait
from melihub.db.base import utcnow
from melihub.globalids import global_id_text
from melihub.integrator_webhooks import delivery
from melihub.integrator_webhooks.events import data_of, dedupe_key, event_of
from melihub.integrator_webhooks.models import DeliveryStatus, SubscriptionStatus, WebhookDelivery, WebhookSubscription
from melihub.observability import get_logger
from melihub.realtime.bus import Change
from melihub.realtime.hub import EventHub
from melihub.runtime import Services

CLAIM_PREFIX = "melihub:webhooks:change:"
CLAIM_TTL_S = 600
# How long a listener trusts what it read of a tenant's subscribed events: a sync publishes thousands of
# changes of companies that have no webhook, and each would otherwise cost a transaction. A subscription
# just created (or resumed) receives changes at most this much later.
WANTED_TTL_S = 5.0
BACKLOG = 10_000
log = get_logger("melihub.integrator_webhooks.fanout")


def body_of(event_id: uuid.UUID, event: str, change: Change, occurred_at: str) -> str:
    document: dict[str, Any] = {
        "id": str(event_id),
        "event": event,
        "occurredAt": occurred_at,
        "tenant": global_id_text("Tenant", change.tenant_id),
        "data": data_of(change),
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True)


async def record_change(services: Services, change: Change) -> list[uuid.UUID]:
    """The deliveries this change makes (none when no active subscription wants it), already queued."""
    event = event_of(change)
    if event is None:
        return []
    tenant_id = uuid.UUID(change.tenant_id)
    now = utcnow()
    event_id = uuid.uuid4()
    body = body_of(event_id, event.value, change, now.isoformat().replace("+00:00", "Z"))
    created: list[uuid.UUID] = []
    async with services.db.tenant(tenant_id) as session:
        wanted = select(WebhookSubscription.id).where(
            col(WebhookSubscription.status) == SubscriptionStatus.ACTIVE.value,
            col(WebhookSubscription.events).contains([event.value]),
        )
        for subscription_id in (await session.exec(wanted)).all():
            row = {
                "id": uuid.uuid4(),
                "tenant_id": tenant_id,
                "subscription_id": subscription_id,
                "event": event.value,
                "event_id": event_id,
                "dedupe_key": dedupe_key(change),
                "body": body,
                "status": DeliveryStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
            statement = (
                insert(WebhookDelivery).values(**row).on_conflict_do_nothing().returning(col(WebhookDelivery.id))
            )
            inserted = (await session.exec(statement)).first()
            if inserted is not None:
                created.append(inserted[0])
    for delivery_id in created:
        await delivery.enqueue(services, tenant_id, delivery_id, 0)
    return created


async def wanted_events(services: Services, tenant_id: uuid.UUID) -> frozenset[str]:
    """Every event some active subscription of the tenant asked for."""
    async with services.db.tenant(tenant_id) as session:
        query = select(WebhookSubscription.events).where(
            col(WebhookSubscription.status) == SubscriptionStatus.ACTIVE.value
        )
        return frozenset(event for events in (await session.exec(query)).all() for event in events)


async def claim_change(services: Services, change: Change) -> bool:
    """True for the one listener that records this message (any of them when Redis cannot say)."""
    digest = hashlib.sha256(change.encode().encode()).hexdigest()
    try:
        return bool(await services.redis.set(CLAIM_PREFIX + digest, "1", nx=True, ex=CLAIM_TTL_S))
    except Exception as exc:  # noqa: BLE001 - the unique dedupe key still merges versioned changes
        log.warning("webhook.claim_failed", error=type(exc).__name__)
        return True


class WebhookFanout(EventHub):
    """The event hub's reader, handing every webhook-worthy change to a recorder task instead of browsers."""

    def __init__(self, services: Services) -> None:
        super().__init__(services.redis_url)
        self.services = services
        self.changes: asyncio.Queue[Change] = asyncio.Queue(maxsize=BACKLOG)
        self.dropped = 0
        self._recorder: asyncio.Task[None] | None = None
        self._wanted: dict[str, tuple[float, frozenset[str]]] = {}

    async def start(self) -> WebhookFanout:
        await super().start()
        if self._recorder is None:
            self._recorder = asyncio.create_task(self._record(), name="melihub-webhook-fanout")
        return self

    async def aclose(self) -> None:
        await super().aclose()
        if self._recorder is not None:
            await cancel_and_wait(self._recorder)
            self._recorder = None

    def dispatch(self, change: Change) -> None:
        if event_of(change) is None:
            return
        try:
            self.changes.put_nowait(change)
        except asyncio.QueueFull:
            self.dropped += 1

    async def _wants(self, change: Change) -> bool:
        now = asyncio.get_running_loop().time()
        cached = self._wanted.get(change.tenant_id)
        if cached is None or cached[0] < now:
            cached = (now + WANTED_TTL_S, await wanted_events(self.services, uuid.UUID(change.tenant_id)))
            self._wanted[change.tenant_id] = cached
        event = event_of(change)
        return event is not None and event.value in cached[1]

    async def _record(self) -> None:
        while True:
            change = await self.changes.get()
            try:
                if await self._wants(change) and await claim_change(self.services, change):
                    await record_change(self.services, change)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad change (a dropped tenant) must not stop the rest
                log.warning("webhook.fanout_failed", type=change.type, error=type(exc).__name__)
