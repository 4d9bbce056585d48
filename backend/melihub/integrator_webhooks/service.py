"""Managing a company's webhook subscriptions and replaying deliveries (owners and admins).

The signing secret is generated here, returned once to the caller (creation, rotation) and stored only
encrypted with the key ring, bound to its row (``secret_associated``); it never reaches a log or audit row.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.integrator_webhooks.events import WebhookEvent
from melihub.integrator_webhooks.models import (
    DeliveryStatus,
    SubscriptionStatus,
    WebhookDelivery,
    WebhookSubscription,
)
from melihub.integrator_webhooks.signing import new_secret
from melihub.integrator_webhooks.urls import UrlPolicy, check_host
from melihub.security.keyring import KeyRing

SUBSCRIPTION_TYPE, DELIVERY_TYPE = "WebhookSubscription", "WebhookDelivery"
MAX_SUBSCRIPTIONS = 20
MAX_DESCRIPTION = 200


def secret_associated(subscription_id: uuid.UUID) -> str:
    return f"webhook-subscription:{subscription_id}"


def secret_of(subscription: WebhookSubscription, keyring: KeyRing) -> str:
    return keyring.decrypt(subscription.secret_encrypted, secret_associated(subscription.id))


def _events(events: Sequence[WebhookEvent]) -> list[str]:
    if not events:
        raise DomainError("choose at least one event", field="events", code="REQUIRED")
    return sorted({WebhookEvent(event).value for event in events})


def _description(text: str | None) -> str:
    cleaned = (text or "").strip()
    if len(cleaned) > MAX_DESCRIPTION:
        raise DomainError(f"the description takes at most {MAX_DESCRIPTION} characters", field="description")
    return cleaned


async def _count(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    query = select(func.count()).select_from(WebhookSubscription).where(col(WebhookSubscription.tenant_id) == tenant_id)
    return int((await session.exec(query)).one())


async def create_subscription(
    session: AsyncSession,
    principal: Principal,
    keyring: KeyRing,
    policy: UrlPolicy,
    *,
    url: str,
    events: Sequence[WebhookEvent],
    description: str | None = None,
) -> tuple[WebhookSubscription, str]:
    """The new subscription and its signing secret, which is never retrievable again."""
    principal.require(Permission.MANAGE_WEBHOOKS)
    kinds = _events(events)
    cleaned = url.strip()
    await check_host(cleaned, policy)
    if await _count(session, principal.tenant_id) >= MAX_SUBSCRIPTIONS:
        raise DomainError(f"a company may have at most {MAX_SUBSCRIPTIONS} webhook subscriptions", code="LIMIT")
    secret = new_secret()
    subscription = WebhookSubscription(
        tenant_id=principal.tenant_id,
        url=cleaned,
        events=kinds,
        description=_description(description),
        secret_encrypted="",
        created_by=principal.user_id,
    )
    subscription.secret_encrypted = keyring.encrypt(secret, secret_associated(subscription.id))
    session.add(subscription)
    await session.flush()
    return subscription, secret


async def get_subscription(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, *, field: str = "id"
) -> WebhookSubscription:
    """The caller's subscription, locked for a change; ``NOT_FOUND`` for anything else (another tenant's)."""
    found = await session.get(WebhookSubscription, subscription_id, with_for_update=True)
    if found is None or found.tenant_id != principal.tenant_id:
        raise DomainError("no webhook subscription with this id is visible to you", field=field, code="NOT_FOUND")
    return found


async def update_subscription(
    session: AsyncSession,
    principal: Principal,
    policy: UrlPolicy,
    subscription_id: uuid.UUID,
    *,
    url: str | None = None,
    events: Sequence[WebhookEvent] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> WebhookSubscription:
    """Change what is given; ``active: true`` also re-enables a subscription melihub disabled."""
    principal.require(Permission.MANAGE_WEBHOOKS)
    subscription = await get_subscription(session, principal, subscription_id)
    if url is not None:
        cleaned = url.strip()
        await check_host(cleaned, policy)
        subscription.url = cleaned
    if events is not None:
        subscription.events = _events(events)
    if description is not None:
        subscription.description = _description(description)
    if active is not None:
        subscription.status = (SubscriptionStatus.ACTIVE if active else SubscriptionStatus.PAUSED).value
        subscription.disabled_reason = None
        subscription.consecutive_failures = 0
    subscription.updated_at = utcnow()
    session.add(subscription)
    return subscription


async def delete_subscription(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID) -> None:
    """The subscription and its whole delivery log; pending deliveries are not sent."""
    principal.require(Permission.MANAGE_WEBHOOKS)
    subscription = await get_subscription(session, principal, subscription_id)
    await session.delete(subscription)
    await session.flush()


async def rotate_secret(
    session: AsyncSession, principal: Principal, keyring: KeyRing, subscription_id: uuid.UUID
) -> tuple[WebhookSubscription, str]:
    """A new secret at once: the next try of any delivery is signed with it (the old one stops working)."""
    principal.require(Permission.MANAGE_WEBHOOKS)
    subscription = await get_subscription(session, principal, subscription_id)
    secret = new_secret()
    subscription.secret_encrypted = keyring.encrypt(secret, secret_associated(subscription.id))
    subscription.secret_rotated_at = subscription.updated_at = utcnow()
    session.add(subscription)
    return subscription, secret


async def replay_delivery(session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> WebhookDelivery:
    """A new delivery of the very same body (same event ``id``, a new ``X-Melihub-Delivery``), due now."""
    principal.require(Permission.MANAGE_WEBHOOKS)
    original = await session.get(WebhookDelivery, delivery_id)
    if original is None or original.tenant_id != principal.tenant_id:
        raise DomainError("no webhook delivery with this id is visible to you", field="id", code="NOT_FOUND")
    subscription = await get_subscription(session, principal, original.subscription_id)
    if subscription.status != SubscriptionStatus.ACTIVE.value:
        raise DomainError("the subscription is paused or disabled: enable it first", field="id", code="INACTIVE")
    now = utcnow()
    replay = WebhookDelivery(
        tenant_id=original.tenant_id,
        subscription_id=original.subscription_id,
        event=original.event,
        event_id=original.event_id,
        body=original.body,
        status=DeliveryStatus.PENDING.value,
        next_attempt_at=now,
        replay_of=original.id,
        created_at=now,
        updated_at=now,
    )
    session.add(replay)
    await session.flush()
    return replay
