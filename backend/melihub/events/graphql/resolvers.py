"""integrationEvents(filter, sort, first/after, last/before), integrationEvent(id) and integrationEventChanged."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.accounts.permissions import Permission
from melihub.events import service
from melihub.events.graphql.types import (
    EVENT_TYPE,
    IntegrationEventFilter,
    IntegrationEventSortInput,
    IntegrationEventType,
)
from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.graphql.live import changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, ordering_of, page_of


async def resolve_integration_events(
    info: Info,
    filter: IntegrationEventFilter | None = None,
    sort: IntegrationEventSortInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[IntegrationEventType]:
    given = filter or IntegrationEventFilter()

    async def filters() -> service.EventFilter:
        return service.EventFilter(
            statuses=[s.value for s in given.statuses] if given.statuses else None,
            topics=given.topics,
            resource=given.resource,
            received_from=given.received_from,
            received_to=given.received_to,
            meli_account_ids=await visible_account_ids(info, given.meli_account_ids),
        )

    return await page_of(
        info,
        service.list_events,
        filters,
        IntegrationEventType.of,
        PageArgs(first, after, last, before),
        ordering_of(sort, service.EVENT_SORTS, default="RECEIVED_AT"),
        Permission.VIEW_INTEGRATION,
    )


async def resolve_integration_event(info: Info, id: strawberry.ID) -> IntegrationEventType | None:
    return await node_by_id(
        info, id, EVENT_TYPE, service.get_event, IntegrationEventType.of, Permission.VIEW_INTEGRATION
    )


async def integration_event_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[IntegrationEventType, None]:
    events = changed_objects(
        info, "integration_event", meli_account_ids, service.get_event, Permission.VIEW_INTEGRATION
    )
    async for event, _context in events:
        yield IntegrationEventType.of(event)
