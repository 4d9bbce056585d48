"""createExportSchedule(kind, format, filter, cron, keepHours): an export started on a cron."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.exports import service
from melihub.exports.graphql.inputs import export_request
from melihub.exports.graphql.types import (
    SCHEDULE_TYPE,
    ExportFilterInput,
    ExportFormatEnum,
    ExportKindEnum,
    ExportScheduleType,
)
from melihub.exports.models import ExportSchedule
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall

CRON = strawberry.argument(
    description="Five fields: minute hour day-of-month month day-of-week, in the company's time zone "
    "(0 8 * * 1-5: weekdays at 08:00)."
)
KEEP = strawberry.argument(description="How long each run's file is kept, 1 to 2160 hours (default a week).")


@strawberry.type
class CreateExportSchedulePayload:
    schedule: ExportScheduleType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class CreateExportSchedule(BaseMutation[CreateExportSchedulePayload]):
    name = "createExportSchedule"
    payload = CreateExportSchedulePayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> CreateExportSchedulePayload:
        request = export_request(call, arguments["kind"], arguments["format"], arguments["filter"])

        def note(schedule: ExportSchedule) -> None:
            after = {"kind": schedule.kind, "format": schedule.format, "filter": schedule.filter,
                     "cron": schedule.cron, "keepHours": schedule.keep_hours}  # fmt: skip
            call.target(SCHEDULE_TYPE, schedule.id, after=after)

        schedule = await service.create_schedule(
            call.services,
            call.require_principal(),
            request,
            arguments["cron"],
            arguments["keep_hours"],
            store_in=call.unit,
            note=note,
        )
        return CreateExportSchedulePayload(schedule=ExportScheduleType.of(schedule))


async def create_export_schedule(
    info: Info,
    kind: ExportKindEnum,
    format: ExportFormatEnum,
    cron: Annotated[str, CRON],
    filter: ExportFilterInput | None = None,
    keep_hours: Annotated[int, KEEP] = service.DEFAULT_SCHEDULE_KEEP_HOURS,
) -> CreateExportSchedulePayload:
    return await CreateExportSchedule.run(
        info, kind=kind, format=format, filter=filter, cron=cron, keep_hours=keep_hours
    )
