"""syncMeliAccountNow(meliAccountId, since): queue a sync of the account, or join the one already open."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.sync import service
from melihub.sync.graphql.types import SYNC_RUN_TYPE, SyncRunType

FIELD = "meliAccountId"


@strawberry.type
class SyncMeliAccountNowPayload:
    sync_run: SyncRunType | None = None
    joined: bool = strawberry.field(default=False, description="True: the account's open run, not a new one.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class SyncMeliAccountNow(BaseMutation[SyncMeliAccountNowPayload]):
    name = "syncMeliAccountNow"
    payload = SyncMeliAccountNowPayload
    # An action, like testMeliConnection: it spends the seller's Mercado Livre quota.
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SyncMeliAccountNowPayload:
        principal = call.require_principal()
        account_id = call.id_of(FIELD, arguments["meli_account_id"], ACCOUNT_TYPE)
        if not principal.sees_account(account_id):
            raise DomainError("no object with this id is visible to you", field=FIELD, code="NOT_FOUND")
        run, joined = await service.queue_run(
            call.services, principal.tenant_id, account_id, since=arguments["since"], requested_by=principal.user_id
        )
        call.target(
            SYNC_RUN_TYPE,
            run.id,
            after={"kind": run.kind, "status": run.status, "since": _iso(run.since), "joined": joined},
        )
        return SyncMeliAccountNowPayload(sync_run=SyncRunType.of(run), joined=joined)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def sync_meli_account_now(
    info: Info, meli_account_id: strawberry.ID, since: datetime | None = None
) -> SyncMeliAccountNowPayload:
    return await SyncMeliAccountNow.run(info, meli_account_id=meli_account_id, since=since)
