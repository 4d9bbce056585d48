"""The exports domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.exports.graphql.mutations.cancel_export_schedule import (
    CancelExportSchedulePayload,
    cancel_export_schedule,
)
from melihub.exports.graphql.mutations.create_export_schedule import (
    CreateExportSchedulePayload,
    create_export_schedule,
)
from melihub.exports.graphql.mutations.start_export import StartExportPayload, start_export
from melihub.exports.graphql.resolvers import (
    export_progress,
    resolve_export,
    resolve_export_schedules,
    resolve_exports,
)
from melihub.exports.graphql.types import ExportScheduleType, ExportType
from melihub.graphql.pagination import Connection


@strawberry.type
class ExportsQuery:
    export: ExportType | None = strawberry.field(resolver=resolve_export, description="An export and its file's link.")
    exports: Connection[ExportType] = strawberry.field(
        resolver=resolve_exports,
        description="Exports you may see, newest first: your own, your schedules' and, for owners and admins, "
        "everyone's (always within your accounts).",
    )
    export_schedules: Connection[ExportScheduleType] = strawberry.field(
        resolver=resolve_export_schedules, description="The company's export schedules, newest first."
    )


@strawberry.type
class ExportsMutation:
    start_export: StartExportPayload = strawberry.mutation(
        resolver=start_export,
        description="Build a CSV or XLSX file of orders, listings, questions, shipments or KPIs, as a job.",
    )
    create_export_schedule: CreateExportSchedulePayload = strawberry.mutation(
        resolver=create_export_schedule, description="Start an export on a cron; each run keeps its file keepHours."
    )
    cancel_export_schedule: CancelExportSchedulePayload = strawberry.mutation(
        resolver=cancel_export_schedule, description="Stop a schedule (the files it made stay until they expire)."
    )


@strawberry.type
class ExportsSubscription:
    export_progress: AsyncGenerator[ExportType, None] = strawberry.subscription(
        resolver=export_progress,
        description="An export's progress (about once a second while it runs) and its end.",
    )
