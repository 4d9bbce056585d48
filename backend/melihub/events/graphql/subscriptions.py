"""Live subscriptions: the changed object itself, loaded for each event."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.accounts.permissions import Permission
from melihub.events import service
from melihub.events.graphql.live import changed_objects
from melihub.events.graphql.types import IntegrationEventType
from melihub.graphql.context import Info


async def integration_event_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[IntegrationEventType, None]:
    events = changed_objects(
        info, "integration_event", meli_account_ids, service.get_event, Permission.VIEW_INTEGRATION
    )
    async for event, _context in events:
        yield IntegrationEventType.of(event)


@strawberry.type
class EventsSubscription:
    integration_event_changed: AsyncGenerator[IntegrationEventType, None] = strawberry.subscription(
        resolver=integration_event_changed, description="Each step of each notification on the timeline."
    )
