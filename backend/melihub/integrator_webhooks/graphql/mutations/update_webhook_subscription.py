"""updateWebhookSubscription(id, …): change the URL, events or description; pause or (re-)enable it."""

from __future__ import annotations

from typing import Annotated, Any

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
class UpdateWebhookSubscriptionPayload:
    webhook_subscription: WebhookSubscriptionType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class UpdateWebhookSubscription(BaseMutation[UpdateWebhookSubscriptionPayload]):
    name = "updateWebhookSubscription"
    payload = UpdateWebhookSubscriptionPayload
    permission = Permission.MANAGE_WEBHOOKS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UpdateWebhookSubscriptionPayload:
        subscription_id = call.id_of("id", arguments.pop("id"), service.SUBSCRIPTION_TYPE)
        async with call.unit() as work:
            subscription = await service.update_subscription(
                work.session,
                call.require_principal(),
                UrlPolicy.of(call.services.settings),
                subscription_id,
                **arguments,
            )
            after = {"url": subscription.url, "events": subscription.events, "status": subscription.status}
            call.target(service.SUBSCRIPTION_TYPE, subscription.id, after=after)
            node = WebhookSubscriptionType.of(subscription)
        return UpdateWebhookSubscriptionPayload(webhook_subscription=node)


async def update_webhook_subscription(
    info: Info,
    id: strawberry.ID,
    url: str | None = None,
    events: list[WebhookEvent] | None = None,
    description: str | None = None,
    active: Annotated[
        bool | None, strawberry.argument(description="false pauses; true resumes, also after melihub disabled it.")
    ] = None,
) -> UpdateWebhookSubscriptionPayload:
    return await UpdateWebhookSubscription.run(
        info, id=id, url=url, events=events, description=description, active=active
    )
