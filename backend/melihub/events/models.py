"""The integration inbox/timeline, and notifications no tenant claims."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, Integer, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from melihub.db.base import TenantOwned, bigint, jsonb, timestamp
from melihub.tracing import current_trace_id


class EventStatus(StrEnum):
    RECEIVED = "received"
    PROCESSING = "processing"
    PROCESSED = "processed"
    RETRYING = "retrying"
    FAILED = "failed"
    IGNORED = "ignored"


class IntegrationEvent(TenantOwned, table=True):
    __tablename__ = "integration_events"
    __table_args__ = (
        UniqueConstraint("tenant_id", "source", "notification_id"),
        Index("ix_integration_events_tenant_received", "tenant_id", "received_at"),
        # Only pending rows: serves the per-resource claim and the sweeper, and stays small.
        Index(
            "ix_integration_events_pending",
            "tenant_id",
            "topic",
            "resource",
            postgresql_where=text("status IN ('received', 'retrying', 'processing')"),
        ),
        CheckConstraint(
            "status IN ('received','processing','processed','retrying','failed','ignored')",
            name="integration_events_status_check",
        ),
    )

    # No foreign keys (migration 0004): each would lock the seller's tenant/account row on every ingest.
    tenant_id: uuid.UUID = Field(nullable=False)
    meli_account_id: uuid.UUID | None = Field(default=None)
    source: str = Field(default="meli", sa_type=Text, nullable=False)
    notification_id: str = Field(sa_type=Text, nullable=False)
    topic: str = Field(sa_type=Text, nullable=False)
    resource: str = Field(sa_type=Text, nullable=False)
    ml_user_id: int | None = bigint()
    payload: dict[str, Any] = jsonb()
    status: str = Field(default=EventStatus.RECEIVED.value, sa_type=Text, nullable=False)
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)
    deliveries: int = Field(default=1, sa_type=Integer, nullable=False)
    reprocessed: int = Field(default=0, sa_type=Integer, nullable=False, sa_column_kwargs={"server_default": "0"})
    last_error: str | None = Field(default=None, sa_type=Text)
    next_attempt_at: datetime | None = timestamp()
    received_at: datetime = timestamp(default_now=True)
    enqueued_at: datetime | None = timestamp()
    processed_at: datetime | None = timestamp()
    updated_at: datetime = timestamp(default_now=True)
    resource_version: str | None = Field(default=None, sa_type=Text)
    # The trace that brought it (W3C trace id, 32 hex digits): the webhook's, or the request's that wrote it.
    trace_id: str | None = Field(default_factory=current_trace_id, sa_type=Text)


class UnroutedNotification(SQLModel, table=True):
    """A notification for an ML user no tenant has linked: kept visible, never retried."""

    __tablename__ = "unrouted_notifications"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    notification_id: str = Field(sa_type=Text, nullable=False, unique=True)
    topic: str = Field(sa_type=Text, nullable=False)
    resource: str = Field(sa_type=Text, nullable=False)
    ml_user_id: int | None = Field(default=None, sa_type=BigInteger)
    payload: dict[str, Any] = jsonb()
    deliveries: int = Field(default=1, sa_type=Integer, nullable=False)
    received_at: datetime = timestamp(default_now=True)
