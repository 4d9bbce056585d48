"""Helpers of the outbound webhook tests: a subscription made as the owner, a change, the deliveries."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant
from melihub.accounts.principal import AuthMethod, Principal
from melihub.integrator_webhooks import service
from melihub.integrator_webhooks.events import WebhookEvent
from melihub.integrator_webhooks.models import WebhookDelivery, WebhookSubscription
from melihub.integrator_webhooks.urls import UrlPolicy
from melihub.realtime.bus import Change
from melihub.runtime import Services


def owner(tenant: Tenant) -> Principal:
    return Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION)


async def subscribe(
    services: Services, tenant: Tenant, url: str, events: tuple[WebhookEvent, ...] = (WebhookEvent.ORDER_CHANGED,)
) -> tuple[WebhookSubscription, str]:
    async with services.db.tenant(tenant.id) as session:
        return await service.create_subscription(
            session, owner(tenant), services.keyring, UrlPolicy.of(services.settings), url=url, events=events
        )


def order_change(tenant: Tenant, version: str | None = "v1", order_id: uuid.UUID | None = None) -> Change:
    return Change(str(tenant.id), "order", str(order_id or uuid.uuid4()), version)


async def deliveries(services: Services, tenant: Tenant) -> list[WebhookDelivery]:
    async with services.db.tenant(tenant.id) as session:
        query = select(WebhookDelivery).order_by(col(WebhookDelivery.created_at), col(WebhookDelivery.id))
        return list((await session.exec(query)).all())


async def subscription_row(services: Services, tenant: Tenant, subscription_id: uuid.UUID) -> WebhookSubscription:
    async with services.db.tenant(tenant.id) as session:
        found = await session.get(WebhookSubscription, subscription_id)
    assert found is not None
    return found
