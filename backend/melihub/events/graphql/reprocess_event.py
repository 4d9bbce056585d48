"""reprocessEvent(id): send an event through the pipeline again (audited)."""

from __future__ import annotations

import uuid

import strawberry

from melihub.errors import DomainError
from melihub.events import service
from melihub.events.graphql.types import IntegrationEventType
from melihub.events.jobs import PROCESS_RESOURCE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class ReprocessEventPayload:
    event: IntegrationEventType | None = None
    reprocess_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def reprocess_event(info: Info, id: strawberry.ID) -> ReprocessEventPayload:
    principal = info.context.require()
    try:
        event_id = uuid.UUID(str(id))
    except ValueError:
        return ReprocessEventPayload(errors=[UserError(field="id", message="malformed id", code="INVALID")])
    try:
        async with info.context.session() as session:
            event, reprocess_id = await service.prepare_reprocess(session, principal, event_id)
    except DomainError as exc:
        return ReprocessEventPayload(errors=user_errors(exc))
    await info.context.services.redis.enqueue_job(
        PROCESS_RESOURCE,
        str(event.tenant_id),
        event.topic,
        event.resource,
        _job_id=f"reprocess:{reprocess_id}",
    )
    return ReprocessEventPayload(event=IntegrationEventType.of(event), reprocess_id=strawberry.ID(str(reprocess_id)))
