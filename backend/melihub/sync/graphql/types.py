"""Sync runs as GraphQL types."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from melihub.connections.graphql.types import MeliAccountType
from melihub.db.base import utcnow
from melihub.graphql.context import Context, Info
from melihub.graphql.errors import AppError
from melihub.graphql.relay import Node, global_id, register_node
from melihub.sync import health, queries
from melihub.sync.graphql.loaders import account_by_id
from melihub.sync.models import RunKind, RunStatus, SyncRun

strawberry.enum(RunKind, name="SyncRunKind")
strawberry.enum(RunStatus, name="SyncRunStatus")
SYNC_RUN_TYPE = "SyncRun"


@strawberry.type(name="SyncResourceProgress", description="How far a run is through one kind of resource.")
class SyncResourceProgressType:
    resource: str = strawberry.field(description="orders, shipments, listings, questions, messages or claims.")
    total: int = strawberry.field(description="Found so far (grows as the run discovers more).")
    done: int


@strawberry.type(name="SyncRun", description="One backfill or incremental pass over a linked account.")
class SyncRunType(Node):
    kind: RunKind
    status: RunStatus
    since: datetime | None = strawberry.field(description="Orders created (backfill) or updated from this time.")
    until: datetime | None = strawberry.field(description="Up to this time (fixed when the run was planned).")
    progress: list[SyncResourceProgressType] = strawberry.field(description="Per resource, in a fixed order.")
    total: int = strawberry.field(description="The sum of the resources' totals.")
    done: int = strawberry.field(description="The sum of the resources' done counts.")
    requests: int = strawberry.field(description="Calls made to Mercado Livre.")
    errors: int = strawberry.field(description="Calls that failed (each retried or noted).")
    reason: str | None = strawberry.field(description="Why it failed, paused or was cancelled.")
    notes: list[str] = strawberry.field(description="What it skipped and why.")
    cancel_requested: bool = strawberry.field(description="A cancel was asked; it stops at its next checkpoint.")
    created_at: datetime
    started_at: datetime | None
    heartbeat_at: datetime | None = strawberry.field(description="Its last progress write (about every second).")
    finished_at: datetime | None
    eta_seconds: int | None = strawberry.field(
        description="Estimated seconds left at the pace so far; null when unknown or not running."
    )
    _account_id: strawberry.Private[uuid.UUID]
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(description="The linked account the run syncs.")
    async def meli_account(self, info: Info) -> MeliAccountType:
        account = await account_by_id(self._context or info.context).load(self._account_id)
        if account is None:  # unreachable: runs are listed only for accounts the caller sees
            raise AppError("the run's account is not visible to you", "NOT_FOUND")
        return MeliAccountType.of(account)

    @classmethod
    def of(cls, run: SyncRun, context: Context | None = None) -> SyncRunType:
        """``context``: the one to load the account with (a subscription event's fresh one)."""
        progress = health.run_progress(run)
        return cls(
            id=global_id(SYNC_RUN_TYPE, run.id),
            kind=RunKind(run.kind),
            status=RunStatus(run.status),
            since=run.since,
            until=run.until,
            progress=[SyncResourceProgressType(resource=p.resource, total=p.total, done=p.done) for p in progress],
            total=sum(p.total for p in progress),
            done=sum(p.done for p in progress),
            requests=run.requests,
            errors=run.errors,
            reason=run.reason,
            notes=list(run.notes),
            cancel_requested=run.cancel_requested,
            created_at=run.created_at,
            started_at=run.started_at,
            heartbeat_at=run.heartbeat_at,
            finished_at=run.finished_at,
            eta_seconds=health.eta_seconds(run, utcnow()),
            _account_id=run.meli_account_id,
            _context=context,
        )


@strawberry.input(name="SyncRunFilter")
class SyncRunFilterInput:
    meli_account_id: strawberry.ID | None = strawberry.field(default=None, description="Only this account's runs.")
    status: RunStatus | None = None


register_node(SYNC_RUN_TYPE, queries.runs_by_ids, SyncRunType.of)
