"""Reading the integration timeline, and sending an event through the pipeline again."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.audit import service as audit
from melihub.db.paging import Page, account_scope
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


def _cursor_condition(after: tuple[datetime, uuid.UUID] | None) -> object:
    if after is None:
        return True
    received, event_id = after
    return or_(
        col(IntegrationEvent.received_at) < received,
        and_(col(IntegrationEvent.received_at) == received, col(IntegrationEvent.id) < event_id),
    )


async def list_events(
    session: AsyncSession,
    principal: Principal,
    filters: EventFilter,
    *,
    first: int,
    after: tuple[datetime, uuid.UUID] | None = None,
) -> Page[IntegrationEvent]:
    """Newest first, keyset-paged on (received_at, id)."""
    principal.require(Permission.VIEW_INTEGRATION)
    query = select(IntegrationEvent).where(_cursor_condition(after))  # type: ignore[arg-type]
    if filters.statuses:
        query = query.where(col(IntegrationEvent.status).in_(filters.statuses))
    if filters.topics:
        query = query.where(col(IntegrationEvent.topic).in_(filters.topics))
    if filters.resource:
        query = query.where(IntegrationEvent.resource == filters.resource)
    accounts = account_scope(principal, filters.meli_account_ids)
    if accounts is not None:
        query = query.where(col(IntegrationEvent.meli_account_id).in_(accounts))
    if filters.received_from:
        query = query.where(col(IntegrationEvent.received_at) >= filters.received_from)
    if filters.received_to:
        query = query.where(col(IntegrationEvent.received_at) < filters.received_to)
    query = query.order_by(col(IntegrationEvent.received_at).desc(), col(IntegrationEvent.id).desc())
    rows = list((await session.exec(query.limit(first + 1))).all())
    return Page(rows=rows[:first], has_next=len(rows) > first)


async def get_event(session: AsyncSession, principal: Principal, event_id: uuid.UUID) -> IntegrationEvent | None:
    principal.require(Permission.VIEW_INTEGRATION)
    event = await session.get(IntegrationEvent, event_id)
    if event is None or (event.meli_account_id and not principal.sees_account(event.meli_account_id)):
        return None
    return event


async def prepare_reprocess(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID
) -> tuple[IntegrationEvent, uuid.UUID]:
    """Put the event back to ``received`` (attempts reset) and audit it; returns the reprocess id."""
    principal.require(Permission.REPROCESS)
    event = await get_event(session, principal, event_id)
    if event is None:
        raise DomainError("no such integration event", field="id", code="NOT_FOUND")
    if event.status == EventStatus.PROCESSING.value:
        raise DomainError("the event is being processed right now", field="id", code="IN_PROGRESS")
    reprocess_id = uuid.uuid4()
    previous = event.status
    event.status = EventStatus.RECEIVED.value
    event.attempts = 0
    event.next_attempt_at = None
    event.last_error = None
    session.add(event)
    await audit.record(
        session,
        principal,
        "integration_event.reprocessed",
        target_type="integration_event",
        target_id=event.id,
        data={"reprocess_id": str(reprocess_id), "previous_status": previous},
    )
    return event, reprocess_id
