"""The integration timeline as GraphQL types."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import cast

import strawberry
from strawberry.scalars import JSON

from melihub.events import service
from melihub.events.models import EventStatus, IntegrationEvent
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.pagination import SortDirection
from melihub.graphql.relay import Node, global_id, optional_global_id, register_node

strawberry.enum(EventStatus, name="IntegrationEventStatus")
EVENT_TYPE = "IntegrationEvent"


@strawberry.type(name="IntegrationEvent", description="One notification on its way through melihub.")
class IntegrationEventType(Node):
    source: str
    notification_id: str
    topic: str
    resource: str
    status: EventStatus
    attempts: int
    deliveries: int = strawberry.field(description="How many times Mercado Livre delivered it.")
    last_error: str | None
    next_attempt_at: datetime | None
    received_at: datetime
    processed_at: datetime | None
    updated_at: datetime
    resource_version: str | None
    meli_account_id: strawberry.ID | None
    trace_id: str | None = strawberry.field(
        description="The W3C trace id of the trace that brought it (webhook → queue → worker → write → publish); "
        "log lines of that work carry it as trace_id."
    )
    _payload: strawberry.Private[dict[str, object]]

    @strawberry.field(description="The raw notification body, as received.")
    def payload(self) -> JSON:
        return cast(JSON, self._payload)

    @classmethod
    def of(cls, event: IntegrationEvent) -> IntegrationEventType:
        return cls(
            id=global_id(EVENT_TYPE, event.id),
            source=event.source,
            notification_id=event.notification_id,
            topic=event.topic,
            resource=event.resource,
            status=EventStatus(event.status),
            attempts=event.attempts,
            deliveries=event.deliveries,
            last_error=event.last_error,
            next_attempt_at=event.next_attempt_at,
            received_at=event.received_at,
            processed_at=event.processed_at,
            updated_at=event.updated_at,
            resource_version=event.resource_version,
            meli_account_id=optional_global_id(ACCOUNT_TYPE, event.meli_account_id),
            trace_id=event.trace_id,
            _payload=event.payload,
        )


@strawberry.input
class IntegrationEventFilter:
    statuses: list[EventStatus] | None = None
    topics: list[str] | None = None
    resource: str | None = None
    meli_account_ids: list[strawberry.ID] | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None


register_node(EVENT_TYPE, service.events_by_ids, IntegrationEventType.of)


@strawberry.enum(name="IntegrationEventSortField")
class IntegrationEventSortField(Enum):
    RECEIVED_AT = "RECEIVED_AT"


@strawberry.input(
    name="IntegrationEventSort",
    description="Newest (DESC) or oldest (ASC) first; ties are broken by id in the same direction.",
)
class IntegrationEventSortInput:
    field: IntegrationEventSortField = IntegrationEventSortField.RECEIVED_AT
    direction: SortDirection = SortDirection.DESC
