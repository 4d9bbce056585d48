"""createWebhookSubscription(url, events): the signing secret is in this payload and nowhere else, ever."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.integrator_webhooks import service
from melihub.integrator_webhooks.events import WebhookEvent
from melihub.integrator_webhooks.graphql.types import WebhookSubscriptionType
from melihub.integrator_webhooks.urls import UrlPolicy


@strawberry.type
class CreateWebhookSubscriptionPayload:
    webhook_subscription: WebhookSubscriptionType | None = None
    secret: str | None = strawberry.field(
        default=None, description="The signing secret, shown once; store it now (rotateWebhookSecret for another)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class CreateWebhookSubscription(BaseMutation[CreateWebhookSubscriptionPayload]):
    name = "createWebhookSubscription"
    payload = CreateWebhookSubscriptionPayload
    permission = Permission.MANAGE_WEBHOOKS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> CreateWebhookSubscriptionPayload:
        async with call.unit() as work:
            subscription, secret = await service.create_subscription(
                work.session,
                call.require_principal(),
                call.services.keyring,
                UrlPolicy.of(call.services.settings),
                url=arguments["url"],
                events=arguments["events"],
                description=arguments["description"],
            )
            # The secret never reaches the audit log: only what identifies the subscription.
            after = {"url": subscription.url, "events": subscription.events}
            call.target(service.SUBSCRIPTION_TYPE, subscription.id, after=after)
            node = WebhookSubscriptionType.of(subscription)
        return CreateWebhookSubscriptionPayload(webhook_subscription=node, secret=secret)


async def create_webhook_subscription(
    info: Info, url: str, events: list[WebhookEvent], description: str | None = None
) -> CreateWebhookSubscriptionPayload:
    return await CreateWebhookSubscription.run(info, url=url, events=events, description=description)
