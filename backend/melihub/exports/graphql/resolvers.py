"""export(id), exports, exportSchedules and exportProgress(id)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.accounts.permissions import Permission
from melihub.exports import queries
from melihub.exports.graphql.types import EXPORT_TYPE, SCHEDULE_TYPE, ExportScheduleType, ExportType
from melihub.exports.models import Export, ExportSchedule
from melihub.exports.notify import EXPORT_CHANGE
from melihub.graphql.context import Info
from melihub.graphql.live import changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, page_of
from melihub.graphql.relay import not_found, parse_global_id, register_node


async def resolve_export(info: Info, id: strawberry.ID) -> ExportType | None:
    return await node_by_id(info, id, EXPORT_TYPE, queries.get_export, ExportType.of)


async def resolve_exports(
    info: Info, first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None
) -> Connection[ExportType]:
    async def filters() -> None:
        return None

    args = PageArgs(first, after, last, before)
    return await page_of(info, queries.list_exports, filters, ExportType.of, args, queries.newest_first(Export))


async def resolve_export_schedules(
    info: Info,
    active: bool | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[ExportScheduleType]:
    async def filters() -> bool | None:
        return active

    args = PageArgs(first, after, last, before)
    ordering = queries.newest_first(ExportSchedule)
    return await page_of(info, queries.list_schedules, filters, ExportScheduleType.of, args, ordering)


async def export_progress(info: Info, id: strawberry.ID) -> AsyncGenerator[ExportType, None]:
    principal = info.context.require(Permission.READ)
    export_id = parse_global_id(id, "id", EXPORT_TYPE)
    async with info.context.session() as session:
        if await queries.get_export(session, principal, export_id) is None:
            raise not_found("id", id)  # refused at once, before any change is awaited
    async for export, _context in changed_objects(info, EXPORT_CHANGE, None, queries.get_export):
        if export.id == export_id:
            yield ExportType.of(export)


register_node(EXPORT_TYPE, queries.exports_by_ids, ExportType.of)
register_node(SCHEDULE_TYPE, queries.schedules_by_ids, ExportScheduleType.of)
