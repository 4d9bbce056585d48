"""The outbound webhooks' Query and Mutation fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.graphql.pagination import Connection
from melihub.integrator_webhooks.graphql.mutations.create_webhook_subscription import (
    CreateWebhookSubscriptionPayload,
    create_webhook_subscription,
)
from melihub.integrator_webhooks.graphql.mutations.delete_webhook_subscription import (
    DeleteWebhookSubscriptionPayload,
    delete_webhook_subscription,
)
from melihub.integrator_webhooks.graphql.mutations.replay_webhook_delivery import (
    ReplayWebhookDeliveryPayload,
    replay_webhook_delivery,
)
from melihub.integrator_webhooks.graphql.mutations.rotate_webhook_secret import (
    RotateWebhookSecretPayload,
    rotate_webhook_secret,
)
from melihub.integrator_webhooks.graphql.mutations.update_webhook_subscription import (
    UpdateWebhookSubscriptionPayload,
    update_webhook_subscription,
)
from melihub.integrator_webhooks.graphql.resolvers import resolve_webhook_deliveries, resolve_webhook_subscriptions
from melihub.integrator_webhooks.graphql.types import WebhookDeliveryType, WebhookSubscriptionType


@strawberry.type
class IntegratorWebhooksQuery:
    webhook_subscriptions: list[WebhookSubscriptionType] = strawberry.field(
        resolver=resolve_webhook_subscriptions, description="The company's outbound webhook subscriptions."
    )
    webhook_deliveries: Connection[WebhookDeliveryType] = strawberry.field(
        resolver=resolve_webhook_deliveries, description="A subscription's delivery log, newest first."
    )


@strawberry.type
class IntegratorWebhooksMutation:
    create_webhook_subscription: CreateWebhookSubscriptionPayload = strawberry.mutation(
        resolver=create_webhook_subscription,
        description="Send signed changes to a URL (owners and admins); the secret is shown once.",
    )
    update_webhook_subscription: UpdateWebhookSubscriptionPayload = strawberry.mutation(
        resolver=update_webhook_subscription, description="Change, pause or re-enable a webhook subscription."
    )
    delete_webhook_subscription: DeleteWebhookSubscriptionPayload = strawberry.mutation(
        resolver=delete_webhook_subscription, description="Remove a webhook subscription and its delivery log."
    )
    rotate_webhook_secret: RotateWebhookSecretPayload = strawberry.mutation(
        resolver=rotate_webhook_secret, description="A new signing secret, shown once; the old one stops at once."
    )
    replay_webhook_delivery: ReplayWebhookDeliveryPayload = strawberry.mutation(
        resolver=replay_webhook_delivery, description="Send a delivery's body again, as a new delivery."
    )
