"""webhookSubscriptions and webhookDeliveries: parse, check, call one query, shape.

A subscription id that is not the caller's (malformed, of another tenant) is ``NOT_FOUND`` on ``subscriptionId``.
"""

from __future__ import annotations

import uuid

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.pagination import Connection, PageArgs, page_of
from melihub.graphql.relay import not_found, parse_global_id
from melihub.integrator_webhooks import queries
from melihub.integrator_webhooks.graphql.types import WebhookDeliveryType, WebhookSubscriptionType
from melihub.integrator_webhooks.service import SUBSCRIPTION_TYPE


async def resolve_webhook_subscriptions(info: Info) -> list[WebhookSubscriptionType]:
    principal = info.context.require(queries.READ)
    async with info.context.session() as session:
        return [WebhookSubscriptionType.of(row) for row in await queries.subscriptions(session, principal)]


async def resolve_webhook_deliveries(
    info: Info,
    subscription_id: strawberry.ID,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[WebhookDeliveryType]:
    async def subscription() -> uuid.UUID:
        row_id = parse_global_id(subscription_id, "subscriptionId", SUBSCRIPTION_TYPE)
        async with info.context.session() as session:
            found = await queries.subscriptions_by_ids(session, info.context.require(queries.READ), [row_id])
        if not found:
            raise not_found("subscriptionId", subscription_id)
        return found[0].id

    args = PageArgs(first, after, last, before)
    return await page_of(
        info,
        queries.list_deliveries,
        subscription,
        WebhookDeliveryType.of,
        args,
        queries.newest_first(),
        permission=queries.READ,
    )
