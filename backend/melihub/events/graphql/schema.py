"""The events domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.mutations.reprocess_event import ReprocessEventPayload, reprocess_event
from melihub.events.graphql.resolvers import (
    integration_event_changed,
    resolve_integration_event,
    resolve_integration_events,
)
from melihub.events.graphql.types import IntegrationEventType
from melihub.graphql.pagination import Connection


@strawberry.type
class EventsQuery:
    integration_events: Connection[IntegrationEventType] = strawberry.field(
        resolver=resolve_integration_events,
        description="The integration timeline, newest first (or oldest first: `sort`).",
    )
    integration_event: IntegrationEventType | None = strawberry.field(resolver=resolve_integration_event)


@strawberry.type
class EventsMutation:
    reprocess_event: ReprocessEventPayload = strawberry.mutation(
        resolver=reprocess_event,
        description="Send an integration event through the pipeline again (audited).",
    )


@strawberry.type
class EventsSubscription:
    integration_event_changed: AsyncGenerator[IntegrationEventType, None] = strawberry.subscription(
        resolver=integration_event_changed, description="Each step of each notification on the timeline."
    )
