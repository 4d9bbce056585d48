"""Reading the integration timeline, and sending an event through the pipeline again."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Ordering, Page, PageRequest, account_condition, fetch_page
from melihub.errors import DomainError
from melihub.events.models import EventStatus, IntegrationEvent


@dataclass(frozen=True)
class EventFilter:
    statuses: list[str] | None = None
    topics: list[str] | None = None
    resource: str | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    sources: list[str] | None = None  # meli (notifications), hub (the hub's steps), melihub (account notes)


def by_received_at(desc: bool) -> Ordering:
    return Ordering(col(IntegrationEvent.received_at), col(IntegrationEvent.id), desc, "RECEIVED_AT")


def newest_first() -> Ordering:
    return by_received_at(True)


# Only what ix_integration_events_tenant_received serves, both ways: the timeline grows without bound.
EVENT_SORTS: dict[str, Callable[[bool], Ordering]] = {"RECEIVED_AT": by_received_at}


async def list_events(
    session: AsyncSession, principal: Principal, filters: EventFilter, request: PageRequest
) -> Page[IntegrationEvent]:
    """Keyset-paged on (received_at, id), newest first unless the request says otherwise."""
    principal.require(Permission.VIEW_INTEGRATION)
    query = select(IntegrationEvent).where(
        account_condition(col(IntegrationEvent.meli_account_id), principal, filters.meli_account_ids)
    )
    if filters.statuses:
        query = query.where(col(IntegrationEvent.status).in_(filters.statuses))
    if filters.topics:
        query = query.where(col(IntegrationEvent.topic).in_(filters.topics))
    if filters.sources:
        query = query.where(col(IntegrationEvent.source).in_(filters.sources))
    if filters.resource:
        query = query.where(IntegrationEvent.resource == filters.resource)
    if filters.received_from:
        query = query.where(col(IntegrationEvent.received_at) >= filters.received_from)
    if filters.received_to:
        query = query.where(col(IntegrationEvent.received_at) < filters.received_to)
    return await fetch_page(session, query, request.ordering or newest_first(), request)


async def events_by_ids(
    session: AsyncSession, principal: Principal, event_ids: Sequence[uuid.UUID]
) -> list[IntegrationEvent]:
    """For ``node``/``nodes``: the events with these ids the caller may see."""
    principal.require(Permission.VIEW_INTEGRATION)
    query = select(IntegrationEvent).where(col(IntegrationEvent.id).in_(list(event_ids)))
    rows = (await session.exec(query)).all()
    return [e for e in rows if e.meli_account_id is None or principal.sees_account(e.meli_account_id)]


async def get_event(session: AsyncSession, principal: Principal, event_id: uuid.UUID) -> IntegrationEvent | None:
    principal.require(Permission.VIEW_INTEGRATION)
    event = await session.get(IntegrationEvent, event_id)
    if event is None or (event.meli_account_id and not principal.sees_account(event.meli_account_id)):
        return None
    return event


async def prepare_reprocess(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID
) -> tuple[IntegrationEvent, uuid.UUID, str]:
    """Put the event back to ``received`` (attempts reset); returns it, the reprocess id and its old status."""
    principal.require(Permission.REPROCESS)
    event = await get_event(session, principal, event_id)
    if event is None:
        raise DomainError("no such integration event", field="id", code="NOT_FOUND")
    if event.status == EventStatus.PROCESSING.value:
        raise DomainError("the event is being processed right now", field="id", code="IN_PROGRESS")
    reprocess_id = uuid.uuid4()
    previous = event.status
    event.status = EventStatus.RECEIVED.value
    event.reprocessed += 1
    event.attempts = 0
    event.next_attempt_at = None
    event.last_error = None
    session.add(event)
    return event, reprocess_id, previous
