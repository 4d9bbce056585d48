"""Reads: the company's subscriptions and a subscription's delivery log, newest first."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TypeVar

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Ordering, Page, PageRequest, fetch_page
from melihub.integrator_webhooks.models import WebhookDelivery, WebhookSubscription

READ = Permission.VIEW_INTEGRATION
Row = TypeVar("Row", WebhookSubscription, WebhookDelivery)


def newest_first() -> Ordering:
    return Ordering(col(WebhookDelivery.created_at), col(WebhookDelivery.id), True, "CREATED_AT")


async def subscriptions(session: AsyncSession, principal: Principal) -> list[WebhookSubscription]:
    principal.require(READ)
    query = (
        select(WebhookSubscription)
        .where(col(WebhookSubscription.tenant_id) == principal.tenant_id)
        .order_by(col(WebhookSubscription.created_at), col(WebhookSubscription.id))
    )
    return list((await session.exec(query)).all())


async def _by_ids(session: AsyncSession, principal: Principal, model: type[Row], ids: Sequence[uuid.UUID]) -> list[Row]:
    principal.require(READ)
    query = select(model).where(col(model.tenant_id) == principal.tenant_id, col(model.id).in_(list(ids)))
    return list((await session.exec(query)).all())


async def subscriptions_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[WebhookSubscription]:
    return await _by_ids(session, principal, WebhookSubscription, ids)


async def deliveries_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[WebhookDelivery]:
    return await _by_ids(session, principal, WebhookDelivery, ids)


async def list_deliveries(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, request: PageRequest
) -> Page[WebhookDelivery]:
    """The subscription's deliveries (an unknown or foreign subscription reads as an empty log)."""
    principal.require(READ)
    query = select(WebhookDelivery).where(
        col(WebhookDelivery.tenant_id) == principal.tenant_id,
        col(WebhookDelivery.subscription_id) == subscription_id,
    )
    return await fetch_page(session, query, request.ordering or newest_first(), request)
