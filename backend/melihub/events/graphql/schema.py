"""The events domain's mutations for the schema root."""

from __future__ import annotations

import strawberry

from melihub.events.graphql.reprocess_event import ReprocessEventPayload, reprocess_event


@strawberry.type
class EventsMutation:
    reprocess_event: ReprocessEventPayload = strawberry.mutation(
        resolver=reprocess_event,
        description="Send an integration event through the pipeline again (audited).",
    )
