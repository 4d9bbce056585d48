"""deleteWebhookSubscription(id): the subscription and its delivery log; nothing more is sent to it."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.integrator_webhooks import service


@strawberry.type
class DeleteWebhookSubscriptionPayload:
    deleted_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class DeleteWebhookSubscription(BaseMutation[DeleteWebhookSubscriptionPayload]):
    name = "deleteWebhookSubscription"
    payload = DeleteWebhookSubscriptionPayload
    permission = Permission.MANAGE_WEBHOOKS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> DeleteWebhookSubscriptionPayload:
        subscription_id = call.id_of("id", arguments["id"], service.SUBSCRIPTION_TYPE)
        async with call.unit() as work:
            await service.delete_subscription(work.session, call.require_principal(), subscription_id)
            call.target(service.SUBSCRIPTION_TYPE, subscription_id)
        return DeleteWebhookSubscriptionPayload(deleted_id=arguments["id"])


async def delete_webhook_subscription(info: Info, id: strawberry.ID) -> DeleteWebhookSubscriptionPayload:
    return await DeleteWebhookSubscription.run(info, id=id)
