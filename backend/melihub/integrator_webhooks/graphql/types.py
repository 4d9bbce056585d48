"""WebhookSubscription and WebhookDelivery nodes; the secret is never a field (shown once, in payloads)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.graphql.relay import Node, global_id, optional_global_id, register_node
from melihub.integrator_webhooks import queries
from melihub.integrator_webhooks.events import WebhookEvent
from melihub.integrator_webhooks.models import DeliveryStatus, SubscriptionStatus, WebhookDelivery, WebhookSubscription
from melihub.integrator_webhooks.service import DELIVERY_TYPE, SUBSCRIPTION_TYPE

strawberry.enum(WebhookEvent, name="WebhookEvent", description="A kind of change a webhook subscription receives.")
strawberry.enum(
    SubscriptionStatus,
    name="WebhookSubscriptionStatus",
    description="ACTIVE receives; PAUSED by a person; DISABLED by melihub after too many failed tries in a row.",
)
strawberry.enum(DeliveryStatus, name="WebhookDeliveryStatus")


@strawberry.type(name="WebhookSubscription", description="An integrator's URL that receives signed changes.")
class WebhookSubscriptionType(Node):
    url: str
    events: list[WebhookEvent]
    description: str
    status: SubscriptionStatus
    disabled_reason: str | None
    consecutive_failures: int = strawberry.field(description="Failed tries in a row, any delivery.")
    created_at: datetime
    updated_at: datetime
    secret_rotated_at: datetime | None

    @classmethod
    def of(cls, row: WebhookSubscription) -> WebhookSubscriptionType:
        return cls(
            id=global_id(SUBSCRIPTION_TYPE, row.id),
            url=row.url,
            events=[WebhookEvent(event) for event in row.events],
            description=row.description,
            status=SubscriptionStatus(row.status),
            disabled_reason=row.disabled_reason,
            consecutive_failures=row.consecutive_failures,
            created_at=row.created_at,
            updated_at=row.updated_at,
            secret_rotated_at=row.secret_rotated_at,
        )


@strawberry.type(name="WebhookDelivery", description="One payload for one subscription and how its tries went.")
class WebhookDeliveryType(Node):
    subscription_id: strawberry.ID
    event: WebhookEvent
    event_id: str = strawberry.field(description="The body's `id`: the same for a replay of this delivery.")
    status: DeliveryStatus
    attempts: int
    response_status: int | None = strawberry.field(description="The last try's HTTP status (null: no answer).")
    response_body: str | None = strawberry.field(description="The first KiB the receiver answered.")
    duration_ms: int | None
    error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    replay_of: strawberry.ID | None
    request_body: str = strawberry.field(description="The exact JSON body signed and sent.")

    @classmethod
    def of(cls, row: WebhookDelivery) -> WebhookDeliveryType:
        return cls(
            id=global_id(DELIVERY_TYPE, row.id),
            subscription_id=global_id(SUBSCRIPTION_TYPE, row.subscription_id),
            event=WebhookEvent(row.event),
            event_id=str(row.event_id),
            status=DeliveryStatus(row.status),
            attempts=row.attempts,
            response_status=row.response_status,
            response_body=row.response_body,
            duration_ms=row.duration_ms,
            error=row.last_error,
            next_attempt_at=row.next_attempt_at if row.status in ("PENDING", "RETRYING") else None,
            delivered_at=row.delivered_at,
            created_at=row.created_at,
            replay_of=optional_global_id(DELIVERY_TYPE, row.replay_of),
            request_body=row.body,
        )


register_node(SUBSCRIPTION_TYPE, queries.subscriptions_by_ids, WebhookSubscriptionType.of)
register_node(DELIVERY_TYPE, queries.deliveries_by_ids, WebhookDeliveryType.of)
