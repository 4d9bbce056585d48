"""syncRuns(filter, first/after, last/before) and syncProgress: runs of the accounts the caller may see."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.graphql.live import changed_objects
from melihub.graphql.pagination import Connection, PageArgs, page_of
from melihub.sync import queries
from melihub.sync.flows import SYNC_RUN_CHANGE
from melihub.sync.graphql.types import SyncRunFilterInput, SyncRunType

ACCOUNT_ARGUMENT = "meliAccountId"


def _one(value: strawberry.ID | None) -> list[strawberry.ID] | None:
    return [value] if value is not None else None


async def resolve_sync_runs(
    info: Info,
    filter: SyncRunFilterInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[SyncRunType]:
    given = filter or SyncRunFilterInput()

    async def filters() -> queries.RunFilter:
        return queries.RunFilter(
            meli_account_ids=await visible_account_ids(info, _one(given.meli_account_id), ACCOUNT_ARGUMENT),
            status=given.status.value if given.status is not None else None,
        )

    return await page_of(
        info,
        queries.list_runs,
        filters,
        SyncRunType.of,
        PageArgs(first, after, last, before),
        queries.newest_runs_first(),
    )


async def sync_progress(info: Info, meli_account_id: strawberry.ID | None = None) -> AsyncGenerator[SyncRunType, None]:
    info.context.require(Permission.READ)  # refused callers hear so before the account is looked up
    await visible_account_ids(info, _one(meli_account_id), ACCOUNT_ARGUMENT)  # NOT_FOUND names this argument
    runs = changed_objects(info, SYNC_RUN_CHANGE, _one(meli_account_id), queries.visible_run)
    async for run, context in runs:
        yield SyncRunType.of(run, context)
