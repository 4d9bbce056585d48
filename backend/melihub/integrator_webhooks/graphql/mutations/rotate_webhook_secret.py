"""rotateWebhookSecret(id): a new signing secret, shown once; the old one stops signing at once."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.integrator_webhooks import service
from melihub.integrator_webhooks.graphql.types import WebhookSubscriptionType


@strawberry.type
class RotateWebhookSecretPayload:
    webhook_subscription: WebhookSubscriptionType | None = None
    secret: str | None = strawberry.field(default=None, description="The new signing secret, shown once.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class RotateWebhookSecret(BaseMutation[RotateWebhookSecretPayload]):
    name = "rotateWebhookSecret"
    payload = RotateWebhookSecretPayload
    permission = Permission.MANAGE_WEBHOOKS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> RotateWebhookSecretPayload:
        subscription_id = call.id_of("id", arguments["id"], service.SUBSCRIPTION_TYPE)
        async with call.unit() as work:
            subscription, secret = await service.rotate_secret(
                work.session, call.require_principal(), call.services.keyring, subscription_id
            )
            call.target(service.SUBSCRIPTION_TYPE, subscription.id, after={"secretRotated": True})
            node = WebhookSubscriptionType.of(subscription)
        return RotateWebhookSecretPayload(webhook_subscription=node, secret=secret)


async def rotate_webhook_secret(info: Info, id: strawberry.ID) -> RotateWebhookSecretPayload:
    return await RotateWebhookSecret.run(info, id=id)
