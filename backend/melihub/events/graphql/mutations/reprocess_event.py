"""reprocessEvent(id): send an event through the pipeline again (audited)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.events import flows
from melihub.events.graphql.types import EVENT_TYPE, IntegrationEventType
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class ReprocessEventPayload:
    event: IntegrationEventType | None = None
    reprocess_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class ReprocessEvent(BaseMutation[ReprocessEventPayload]):
    name = "reprocessEvent"
    payload = ReprocessEventPayload
    permission = Permission.REPROCESS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ReprocessEventPayload:
        event_id = call.id_of("id", arguments["id"], EVENT_TYPE)
        async with call.unit() as work:
            event, reprocess_id, previous = await flows.reprocess_event(
                call.services, call.require_principal(), event_id, unit=work
            )
            call.target(
                EVENT_TYPE,
                event.id,
                before={"status": previous},
                after={"status": event.status, "reprocessId": str(reprocess_id)},
            )
        return ReprocessEventPayload(
            event=IntegrationEventType.of(event), reprocess_id=strawberry.ID(str(reprocess_id))
        )


async def reprocess_event(info: Info, id: strawberry.ID) -> ReprocessEventPayload:
    return await ReprocessEvent.run(info, id=id)
