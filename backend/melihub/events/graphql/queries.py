"""integrationEvents(filter, first, after) and integrationEvent(id)."""

from __future__ import annotations

import uuid

import strawberry

from melihub.events import service
from melihub.events.graphql.types import (
    IntegrationEventConnection,
    IntegrationEventEdge,
    IntegrationEventFilter,
    IntegrationEventPageInfo,
    IntegrationEventType,
    decode_cursor,
    encode_cursor,
)
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError

MAX_PAGE = 200


def _uuid(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise AppError(f"{field} is not a valid id", "BAD_USER_INPUT") from None


async def resolve_integration_events(
    info: Info, filter: IntegrationEventFilter | None = None, first: int = 50, after: str | None = None
) -> IntegrationEventConnection:
    principal = info.context.require()
    if not 1 <= first <= MAX_PAGE:
        raise AppError(f"first must be between 1 and {MAX_PAGE}", "BAD_USER_INPUT")
    try:
        cursor = decode_cursor(after) if after else None
    except (ValueError, UnicodeDecodeError):
        raise AppError("after is not a valid cursor", "BAD_USER_INPUT") from None
    given = filter or IntegrationEventFilter()
    filters = service.EventFilter(
        statuses=[s.value for s in given.statuses] if given.statuses else None,
        topics=given.topics,
        resource=given.resource,
        received_from=given.received_from,
        received_to=given.received_to,
        meli_account_ids=[_uuid(a, "meliAccountIds") for a in given.meli_account_ids]
        if given.meli_account_ids
        else None,
    )
    async with info.context.session() as session:
        page = await service.list_events(session, principal, filters, first=first, after=cursor)
    edges = [IntegrationEventEdge(cursor=encode_cursor(e), node=IntegrationEventType.of(e)) for e in page.events]
    return IntegrationEventConnection(
        edges=edges,
        page_info=IntegrationEventPageInfo(has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None),
    )


async def resolve_integration_event(info: Info, id: strawberry.ID) -> IntegrationEventType | None:
    principal = info.context.require()
    async with info.context.session() as session:
        event = await service.get_event(session, principal, _uuid(str(id), "id"))
    return IntegrationEventType.of(event) if event else None


@strawberry.type
class EventsQuery:
    integration_events: IntegrationEventConnection = strawberry.field(
        resolver=resolve_integration_events, description="The integration timeline, newest first."
    )
    integration_event: IntegrationEventType | None = strawberry.field(resolver=resolve_integration_event)
