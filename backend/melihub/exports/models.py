"""Exports (a file built by a worker), the file's chunks in PostgreSQL, and export schedules."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Boolean, Float, Index, Integer, LargeBinary, Text, UniqueConstraint, Uuid
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field

from melihub.db.base import TenantOwned, jsonb, timestamp


class ExportKind(StrEnum):
    ORDERS = "ORDERS"
    LISTINGS = "LISTINGS"
    QUESTIONS = "QUESTIONS"
    SHIPMENTS = "SHIPMENTS"
    KPIS = "KPIS"


class ExportFormat(StrEnum):
    CSV = "CSV"
    XLSX = "XLSX"


class ExportStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


OPEN_STATUSES = (ExportStatus.QUEUED.value, ExportStatus.RUNNING.value)


class ExportSchedule(TenantOwned, table=True):
    """An export started by the cron: ``cron`` read in ``time_zone``; each run keeps its file ``keep_hours``."""

    __tablename__ = "export_schedules"
    __table_args__ = (Index("ix_export_schedules_tenant_next_run", "tenant_id", "next_run_at"),)

    kind: str = Field(sa_type=Text, nullable=False)
    format: str = Field(sa_type=Text, nullable=False)
    filter: dict[str, Any] = jsonb()
    # The accounts its runs may read (the creator's limits at creation); None: every account of the tenant.
    meli_account_ids: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid), nullable=True)
    cron: str = Field(sa_type=Text, nullable=False)
    time_zone: str = Field(sa_type=Text, nullable=False)
    locale: str = Field(default="pt-BR", sa_type=Text, nullable=False)  # of the file's headers
    keep_hours: int = Field(sa_type=Integer, nullable=False)
    active: bool = Field(default=True, sa_type=Boolean, nullable=False)
    next_run_at: datetime | None = timestamp()
    last_run_at: datetime | None = timestamp()
    created_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_by_token_id: uuid.UUID | None = Field(default=None, foreign_key="api_tokens.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    cancelled_at: datetime | None = timestamp()


class Export(TenantOwned, table=True):
    """One export: what it holds, how far its job got, and where its file is (``export_chunks``)."""

    __tablename__ = "exports"
    __table_args__ = (
        Index("ix_exports_tenant_created", "tenant_id", "created_at"),
        # One export per schedule and cron slot: two workers running the same slot insert one row.
        UniqueConstraint("schedule_id", "slot_at"),
    )

    kind: str = Field(sa_type=Text, nullable=False)
    format: str = Field(sa_type=Text, nullable=False)
    status: str = Field(default=ExportStatus.QUEUED.value, sa_type=Text, nullable=False)
    filter: dict[str, Any] = jsonb()
    meli_account_ids: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid), nullable=True)
    time_zone: str = Field(sa_type=Text, nullable=False)
    locale: str = Field(default="pt-BR", sa_type=Text, nullable=False)  # of the file's headers
    keep_hours: int = Field(sa_type=Integer, nullable=False)
    schedule_id: uuid.UUID | None = Field(default=None, foreign_key="export_schedules.id", ondelete="SET NULL")
    slot_at: datetime | None = timestamp()
    rows: int = Field(default=0, sa_type=Integer, nullable=False)
    total_rows: int | None = Field(default=None, sa_type=Integer)
    progress: float = Field(default=0.0, sa_type=Float, nullable=False)
    file_name: str | None = Field(default=None, sa_type=Text)
    content_type: str | None = Field(default=None, sa_type=Text)
    size_bytes: int | None = Field(default=None, sa_type=BigInteger)
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)
    error: str | None = Field(default=None, sa_type=Text)
    created_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_by_token_id: uuid.UUID | None = Field(default=None, foreign_key="api_tokens.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    started_at: datetime | None = timestamp()
    finished_at: datetime | None = timestamp()
    expires_at: datetime | None = timestamp()
    updated_at: datetime = timestamp(default_now=True)  # the job's heartbeat while it runs


class ExportChunk(TenantOwned, table=True):
    """About a megabyte of an export's file; ``seq`` from 0, read in order to serve the file."""

    __tablename__ = "export_chunks"
    __table_args__ = (UniqueConstraint("export_id", "seq"),)

    export_id: uuid.UUID = Field(foreign_key="exports.id", nullable=False, ondelete="CASCADE")
    seq: int = Field(sa_type=Integer, nullable=False)
    data: bytes = Field(sa_type=LargeBinary, nullable=False)
