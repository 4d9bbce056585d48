"""cancelExportSchedule(id): the schedule starts no more exports (those it made stay until they expire)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.exports import service
from melihub.exports.graphql.types import SCHEDULE_TYPE, ExportScheduleType
from melihub.exports.models import ExportSchedule
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class CancelExportSchedulePayload:
    schedule: ExportScheduleType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class CancelExportSchedule(BaseMutation[CancelExportSchedulePayload]):
    name = "cancelExportSchedule"
    payload = CancelExportSchedulePayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> CancelExportSchedulePayload:
        schedule_id = call.id_of("id", arguments["id"], SCHEDULE_TYPE)
        call.target(SCHEDULE_TYPE, schedule_id)

        def note(schedule: ExportSchedule, was_active: bool) -> None:
            call.target(SCHEDULE_TYPE, schedule.id, before={"active": was_active}, after={"active": schedule.active})

        schedule = await service.cancel_schedule(
            call.services, call.require_principal(), schedule_id, store_in=call.unit, note=note
        )
        return CancelExportSchedulePayload(schedule=ExportScheduleType.of(schedule))


async def cancel_export_schedule(info: Info, id: strawberry.ID) -> CancelExportSchedulePayload:
    return await CancelExportSchedule.run(info, id=id)
