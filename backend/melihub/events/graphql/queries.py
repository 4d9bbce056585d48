"""integrationEvents(filter, first, after) and integrationEvent(id)."""

from __future__ import annotations

import strawberry

from melihub.events import service
from melihub.events.graphql.types import (
    IntegrationEventConnection,
    IntegrationEventEdge,
    IntegrationEventFilter,
    IntegrationEventPageInfo,
    IntegrationEventType,
)
from melihub.graphql.context import Info
from melihub.graphql.pagination import DEFAULT_PAGE, check_page, encode_cursor, parse_id, parse_ids


async def resolve_integration_events(
    info: Info, filter: IntegrationEventFilter | None = None, first: int = DEFAULT_PAGE, after: str | None = None
) -> IntegrationEventConnection:
    principal = info.context.require()
    cursor = check_page(first, after)
    given = filter or IntegrationEventFilter()
    filters = service.EventFilter(
        statuses=[s.value for s in given.statuses] if given.statuses else None,
        topics=given.topics,
        resource=given.resource,
        received_from=given.received_from,
        received_to=given.received_to,
        meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
    )
    async with info.context.session() as session:
        page = await service.list_events(session, principal, filters, first=first, after=cursor)
    edges = [
        IntegrationEventEdge(cursor=encode_cursor((e.received_at, e.id)), node=IntegrationEventType.of(e))
        for e in page.rows
    ]
    return IntegrationEventConnection(
        edges=edges,
        page_info=IntegrationEventPageInfo(has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None),
    )


async def resolve_integration_event(info: Info, id: strawberry.ID) -> IntegrationEventType | None:
    principal = info.context.require()
    async with info.context.session() as session:
        event = await service.get_event(session, principal, parse_id(id, "id"))
    return IntegrationEventType.of(event) if event else None


@strawberry.type
class EventsQuery:
    integration_events: IntegrationEventConnection = strawberry.field(
        resolver=resolve_integration_events, description="The integration timeline, newest first."
    )
    integration_event: IntegrationEventType | None = strawberry.field(resolver=resolve_integration_event)
