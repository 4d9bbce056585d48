"""The sync domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.sync.graphql.mutations.cancel_sync_run import CancelSyncRunPayload, cancel_sync_run
from melihub.sync.graphql.mutations.sync_meli_account_now import (
    SyncMeliAccountNowPayload,
    sync_meli_account_now,
)
from melihub.sync.graphql.resolvers import resolve_sync_runs, sync_progress
from melihub.sync.graphql.types import SyncRunType


@strawberry.type
class SyncQuery:
    sync_runs: Connection[SyncRunType] = strawberry.field(
        resolver=resolve_sync_runs, description="Sync runs of the accounts the caller may see, newest first."
    )


@strawberry.type
class SyncMutation:
    sync_meli_account_now: SyncMeliAccountNowPayload = strawberry.mutation(
        resolver=sync_meli_account_now,
        description="Sync an account now (a backfill from `since`, else catch up), or join its open run.",
    )
    cancel_sync_run: CancelSyncRunPayload = strawberry.mutation(
        resolver=cancel_sync_run,
        description="Stop a queued run at once, a running one at its next checkpoint (within a second).",
    )


@strawberry.type
class SyncSubscription:
    sync_progress: AsyncGenerator[SyncRunType, None] = strawberry.subscription(
        resolver=sync_progress,
        description="Each progress write of each run (about once a second while running), and each change of status.",
    )
