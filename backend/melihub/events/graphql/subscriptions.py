"""Live subscriptions: the changed object itself, loaded for each event."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.accounts.permissions import Permission
from melihub.events import service
from melihub.events.graphql.live import changes
from melihub.events.graphql.types import IntegrationEventType
from melihub.graphql.context import Info


async def integration_event_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[IntegrationEventType, None]:
    async for change, context in changes(info, {"integration_event"}, meli_account_ids, Permission.VIEW_INTEGRATION):
        async with context.session() as session:
            event = await service.get_event(session, context.require(), uuid.UUID(change.id))
        if event is not None:
            yield IntegrationEventType.of(event)


@strawberry.type
class EventsSubscription:
    integration_event_changed: AsyncGenerator[IntegrationEventType, None] = strawberry.subscription(
        resolver=integration_event_changed, description="Each step of each notification on the timeline."
    )
