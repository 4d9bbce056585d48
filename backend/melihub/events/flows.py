"""Sending an integration event through the pipeline again: reset it, then enqueue its resource's job."""

from __future__ import annotations

import uuid

from melihub.accounts.principal import Principal
from melihub.db.unit import UnitOfWork, within
from melihub.events import service
from melihub.events.jobs import PROCESS_RESOURCE
from melihub.events.models import IntegrationEvent
from melihub.runtime import Services


async def reprocess_event(
    services: Services, principal: Principal, event_id: uuid.UUID, *, unit: UnitOfWork | None = None
) -> tuple[IntegrationEvent, uuid.UUID, str]:
    """The event back at ``received``, its reprocess id and previous status; the job is enqueued after commit
    (a worker taking it earlier would not see the event waiting)."""
    async with within(services.db, principal.tenant_id, unit, user_id=principal.user_id) as work:
        event, reprocess_id, previous = await service.prepare_reprocess(work.session, principal, event_id)
        work.after_commit(
            lambda: services.redis.enqueue_job(
                PROCESS_RESOURCE, str(event.tenant_id), event.topic, event.resource, _job_id=f"reprocess:{reprocess_id}"
            )
        )
    return event, reprocess_id, previous
