"""cancelSyncRun(id): a queued run stops at once, a running one at its next checkpoint."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.sync import queries, service
from melihub.sync.graphql.types import SYNC_RUN_TYPE, SyncRunType


@strawberry.type
class CancelSyncRunPayload:
    sync_run: SyncRunType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class CancelSyncRun(BaseMutation[CancelSyncRunPayload]):
    name = "cancelSyncRun"
    payload = CancelSyncRunPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> CancelSyncRunPayload:
        principal = call.require_principal()
        run_id = call.id_of("id", arguments["id"], SYNC_RUN_TYPE)
        # The service scopes to the tenant; a member limited to some accounts may cancel only their runs.
        async with call.info.context.session() as session:
            before = await queries.visible_run(session, principal, run_id)
        if before is None:
            raise DomainError("no object with this id is visible to you", field="id", code="NOT_FOUND")
        previous = before.status
        run = await service.cancel_run(call.services, principal.tenant_id, run_id)
        call.target(
            SYNC_RUN_TYPE,
            run.id,
            before={"status": previous},
            after={"status": run.status, "cancelRequested": run.cancel_requested},
        )
        return CancelSyncRunPayload(sync_run=SyncRunType.of(run))


async def cancel_sync_run(info: Info, id: strawberry.ID) -> CancelSyncRunPayload:
    return await CancelSyncRun.run(info, id=id)
