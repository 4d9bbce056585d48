"""Sync runs (backfill and incremental), their checkpoints, and each account's high-water marks."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from melihub.db.base import TenantOwned, jsonb, timestamp


class RunKind(StrEnum):
    BACKFILL = "backfill"
    INCREMENTAL = "incremental"


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REAUTH_REQUIRED = "reauth_required"
    CANCELLED = "cancelled"


OPEN_STATUSES = (RunStatus.QUEUED.value, RunStatus.RUNNING.value)
FINISHED_STATUSES = (RunStatus.SUCCEEDED.value, RunStatus.FAILED.value, RunStatus.CANCELLED.value)

# The resources a run walks, in the order progress lists them.
RESOURCES = ("orders", "shipments", "listings", "questions", "messages", "claims")


class SyncRun(TenantOwned, table=True):
    """One backfill or incremental pass over one account; its progress is published as it goes."""

    __tablename__ = "sync_runs"
    __table_args__ = (
        CheckConstraint("kind IN ('backfill','incremental')", name="sync_runs_kind_check"),
        CheckConstraint(
            "status IN ('queued','running','succeeded','failed','reauth_required','cancelled')",
            name="sync_runs_status_check",
        ),
        # At most one open run per account: a second start joins the first instead of racing it.
        Index(
            "ux_sync_runs_open_account",
            "meli_account_id",
            unique=True,
            postgresql_where=text("status IN ('queued','running')"),
        ),
        Index("ix_sync_runs_tenant_created", "tenant_id", "created_at"),
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, index=True, ondelete="CASCADE")
    kind: str = Field(sa_type=Text, nullable=False)
    status: str = Field(default=RunStatus.QUEUED.value, sa_type=Text, nullable=False)
    since: datetime | None = timestamp()  # orders created (backfill) or updated (incremental) from
    until: datetime | None = timestamp()  # fixed when the run is planned, so a resumed run asks the same windows
    # {"orders": {"total": n, "done": n}, ...}; totals grow as windows reveal them.
    progress: dict[str, Any] = jsonb()
    requests: int = Field(default=0, sa_type=Integer, nullable=False)
    errors: int = Field(default=0, sa_type=Integer, nullable=False)
    reason: str | None = Field(default=None, sa_type=Text)  # why it failed, paused or was cancelled
    # What a run skipped and why (a shipment that 404s, orders past the search's reach): never silent.
    notes: list[str] = Field(default_factory=list, sa_type=JSONB, nullable=False)
    requested_by: uuid.UUID | None = Field(default=None)
    cancel_requested: bool = Field(default=False, nullable=False)
    created_at: datetime = timestamp(default_now=True)
    started_at: datetime | None = timestamp()
    heartbeat_at: datetime | None = timestamp()
    finished_at: datetime | None = timestamp()


class CheckpointStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"


class SyncCheckpoint(TenantOwned, table=True):
    """One unit of a run that resumes on its own: an orders window, the listings scan, a batch of ids.

    ``next_offset`` and ``state`` say where a pending unit continues; a done unit is never asked again.
    """

    __tablename__ = "sync_checkpoints"
    __table_args__ = (UniqueConstraint("run_id", "resource", "key"),)

    run_id: uuid.UUID = Field(foreign_key="sync_runs.id", nullable=False, index=True, ondelete="CASCADE")
    resource: str = Field(sa_type=Text, nullable=False)
    key: str = Field(sa_type=Text, nullable=False)  # e.g. "2025-03-01T00:00:00+00:00/2025-03-08T00:00:00+00:00"
    window_from: datetime | None = timestamp()
    window_to: datetime | None = timestamp()
    status: str = Field(default=CheckpointStatus.PENDING.value, sa_type=Text, nullable=False)
    next_offset: int = Field(default=0, sa_type=Integer, nullable=False)
    total: int | None = Field(default=None, sa_type=Integer)
    done: int = Field(default=0, sa_type=Integer, nullable=False)
    state: dict[str, Any] = jsonb()
    updated_at: datetime = timestamp(default_now=True)


class SyncCursor(TenantOwned, table=True):
    """Where the next incremental run of an account starts, and when it last completed one."""

    __tablename__ = "sync_cursors"
    __table_args__ = (UniqueConstraint("meli_account_id"),)

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    orders_updated_to: datetime | None = timestamp()
    questions_to: datetime | None = timestamp()
    listings_scanned_at: datetime | None = timestamp()
    last_synced_at: datetime | None = timestamp()  # the end of the last run that succeeded
    last_backfill_at: datetime | None = timestamp()
