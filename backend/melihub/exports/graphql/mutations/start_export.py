"""startExport(kind, format, filter): a file built by a worker; follow it with exportProgress."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.exports import service
from melihub.exports.graphql.inputs import export_request
from melihub.exports.graphql.types import (
    EXPORT_TYPE,
    ExportFilterInput,
    ExportFormatEnum,
    ExportKindEnum,
    ExportType,
)
from melihub.exports.models import Export
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class StartExportPayload:
    export: ExportType | None = strawberry.field(
        default=None, description="QUEUED: follow it with exportProgress, read it with export(id)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class StartExport(BaseMutation[StartExportPayload]):
    name = "startExport"
    payload = StartExportPayload
    permission = Permission.READ  # an export changes nothing: analysts export what they may read

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> StartExportPayload:
        request = export_request(call, arguments["kind"], arguments["format"], arguments["filter"])

        def note(export: Export) -> None:
            call.target(EXPORT_TYPE, export.id, after={"kind": export.kind, "format": export.format,
                                                         "filter": export.filter})  # fmt: skip

        export = await service.start_export(
            call.services, call.require_principal(), request, store_in=call.unit, note=note
        )
        return StartExportPayload(export=ExportType.of(export))


async def start_export(
    info: Info, kind: ExportKindEnum, format: ExportFormatEnum, filter: ExportFilterInput | None = None
) -> StartExportPayload:
    return await StartExport.run(info, kind=kind, format=format, filter=filter)
