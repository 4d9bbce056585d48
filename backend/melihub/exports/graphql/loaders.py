"""Named DataLoaders of exports (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

import uuid

from strawberry.dataloader import DataLoader

from melihub.exports import queries
from melihub.exports.models import ExportSchedule
from melihub.graphql.context import Context
from melihub.graphql.loaders import one_per_key

SCHEDULE_BY_ID = "export_schedule_by_id"


def schedule_by_id(context: Context) -> DataLoader[uuid.UUID, ExportSchedule | None]:
    """Schedule id → the schedule, None when gone or not visible to the caller."""
    return one_per_key(context, SCHEDULE_BY_ID, queries.schedules_by_ids, _id_of)


def _id_of(schedule: ExportSchedule) -> uuid.UUID:
    return schedule.id
