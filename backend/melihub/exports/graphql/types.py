"""``Export`` and ``ExportSchedule`` (Nodes), their enums, and the ``ExportFilter`` input."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum

import strawberry

from melihub.exports import downloads, queries
from melihub.exports.graphql.loaders import schedule_by_id
from melihub.exports.models import Export, ExportSchedule
from melihub.graphql.context import Info
from melihub.graphql.pagination import Connection, PageArgs, page_of
from melihub.graphql.relay import Node, global_id
from melihub.kpis.graphql.types import KpiRangeInput  # also makes Granularity the schema's KpiGranularity
from melihub.kpis.metrics import Granularity

EXPORT_TYPE = "Export"
SCHEDULE_TYPE = "ExportSchedule"


@strawberry.enum(name="ExportKind", description="What an export holds.")
class ExportKindEnum(Enum):
    ORDERS = "ORDERS"
    LISTINGS = "LISTINGS"
    QUESTIONS = "QUESTIONS"
    SHIPMENTS = "SHIPMENTS"
    KPIS = "KPIS"


@strawberry.enum(name="ExportFormat")
class ExportFormatEnum(Enum):
    CSV = "CSV"
    XLSX = "XLSX"


@strawberry.enum(name="ExportStatus")
class ExportStatusEnum(Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


@strawberry.input(name="ExportFilter", description="Which rows an export holds; every field optional but range "
                  "for KPIS.")  # fmt: skip
class ExportFilterInput:
    meli_account_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these accounts (each must be visible to you); default: all you may see."
    )
    range: KpiRangeInput | None = strawberry.field(
        default=None,
        description="Local dates in the company's zone, both inclusive, at most 400 days: orders, questions and "
        "shipments by creation, listings by their last change. Required for KPIS.",
    )
    granularity: Granularity | None = strawberry.field(default=None, description="KPIS only (default DAY).")
    statuses: list[str] | None = strawberry.field(
        default=None, description="Mercado Livre statuses of the kind's resource (paid, active, UNANSWERED, shipped…)."
    )


@strawberry.type(name="Export", description="A file built by a worker: follow it with exportProgress.")
class ExportType(Node):
    kind: ExportKindEnum
    format: ExportFormatEnum
    status: ExportStatusEnum
    progress: float = strawberry.field(description="0..1 (1 when DONE).")
    rows: int = strawberry.field(description="Rows written so far.")
    total_rows: int | None = strawberry.field(description="How many rows it will hold, once counted.")
    file_name: str | None
    size_bytes: int | None
    expires_at: datetime | None = strawberry.field(description="When the file is deleted (the export then EXPIRED).")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None = strawberry.field(description="Why it FAILED.")
    _row: strawberry.Private[Export]

    @strawberry.field(description="A signed link to the file, valid for 10 minutes (ask again for a fresh one); "
                      "null unless DONE.")  # fmt: skip
    def download_url(self, info: Info) -> str | None:
        return downloads.download_url(info.context.services, self._row)

    @strawberry.field(description="The schedule that started it; null for an export started by hand.")
    async def schedule(self, info: Info) -> ExportScheduleType | None:
        if self._row.schedule_id is None:
            return None
        found = await schedule_by_id(info.context).load(self._row.schedule_id)
        return ExportScheduleType.of(found) if found is not None else None

    @classmethod
    def of(cls, export: Export) -> ExportType:
        return cls(
            id=global_id(EXPORT_TYPE, export.id),
            kind=ExportKindEnum(export.kind),
            format=ExportFormatEnum(export.format),
            status=ExportStatusEnum(export.status),
            progress=export.progress,
            rows=export.rows,
            total_rows=export.total_rows,
            file_name=export.file_name,
            size_bytes=export.size_bytes,
            expires_at=export.expires_at,
            created_at=export.created_at,
            started_at=export.started_at,
            finished_at=export.finished_at,
            error=export.error,
            _row=export,
        )


@strawberry.type(name="ExportSchedule", description="A cron that starts an export; each run keeps its file keepHours.")
class ExportScheduleType(Node):
    kind: ExportKindEnum
    format: ExportFormatEnum
    cron: str = strawberry.field(description="Five fields (minute hour day month weekday), read in timeZone.")
    time_zone: str
    active: bool = strawberry.field(description="False once cancelled.")
    keep_hours: int
    next_run_at: datetime | None
    last_run_at: datetime | None = strawberry.field(description="The slot of its latest run.")
    created_at: datetime
    cancelled_at: datetime | None
    _row_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="Its runs, newest first.")
    async def exports(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ExportType]:
        schedule_id = self._row_id

        async def filters() -> uuid.UUID:
            return schedule_id

        return await page_of(
            info, queries.list_exports, filters, ExportType.of, PageArgs(first, after, last, before),
            queries.newest_first(Export),
        )  # fmt: skip

    @classmethod
    def of(cls, schedule: ExportSchedule) -> ExportScheduleType:
        return cls(
            id=global_id(SCHEDULE_TYPE, schedule.id),
            kind=ExportKindEnum(schedule.kind),
            format=ExportFormatEnum(schedule.format),
            cron=schedule.cron,
            time_zone=schedule.time_zone,
            active=schedule.active,
            keep_hours=schedule.keep_hours,
            next_run_at=schedule.next_run_at,
            last_run_at=schedule.last_run_at,
            created_at=schedule.created_at,
            cancelled_at=schedule.cancelled_at,
            _row_id=schedule.id,
        )


def range_dates(given: KpiRangeInput | None) -> tuple[date | None, date | None]:
    if given is None:
        return None, None
    return given.from_, given.to
