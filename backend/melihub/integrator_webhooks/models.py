"""A company's webhook subscriptions and the delivery log: each delivery row is the source of truth of its
tries (the arq job only wakes a worker for it; a lost job is found again by the sweeper)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Integer, Text, UniqueConstraint, text
from sqlmodel import Field

from melihub.db.base import TenantOwned, text_array, timestamp


class SubscriptionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"  # by a person (updateWebhookSubscription(active: false))
    DISABLED = "DISABLED"  # by melihub, after too many consecutive failed tries


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    RETRYING = "RETRYING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


OPEN_STATUSES = (DeliveryStatus.PENDING.value, DeliveryStatus.SENDING.value, DeliveryStatus.RETRYING.value)


class WebhookSubscription(TenantOwned, table=True):
    __tablename__ = "webhook_subscriptions"
    __table_args__ = (Index("ix_webhook_subscriptions_tenant", "tenant_id", "created_at"),)

    url: str = Field(sa_type=Text, nullable=False)
    events: list[str] = text_array()
    description: str = Field(default="", sa_type=Text, nullable=False)
    secret_encrypted: str = Field(sa_type=Text, nullable=False)  # the key ring's, bound to the row id
    status: str = Field(default=SubscriptionStatus.ACTIVE.value, sa_type=Text, nullable=False)
    disabled_reason: str | None = Field(default=None, sa_type=Text)
    consecutive_failures: int = Field(default=0, sa_type=Integer, nullable=False)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
    secret_rotated_at: datetime | None = timestamp()


class WebhookDelivery(TenantOwned, table=True):
    """One payload for one subscription; retried with the same ``id`` (``X-Melihub-Delivery``)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The same change published twice (a rerun, two listeners) is one delivery per subscription.
        UniqueConstraint("subscription_id", "dedupe_key"),
        Index("ix_webhook_deliveries_log", "tenant_id", "subscription_id", text("created_at DESC"), text("id DESC")),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status IN ('PENDING', 'SENDING', 'RETRYING')"),
        ),
    )

    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscriptions.id", nullable=False, ondelete="CASCADE")
    event: str = Field(sa_type=Text, nullable=False)
    event_id: uuid.UUID = Field(nullable=False)  # the body's ``id``: the same for a replay of it
    dedupe_key: str | None = Field(default=None, sa_type=Text)  # None for replays
    body: str = Field(sa_type=Text, nullable=False)  # the exact bytes signed and sent (UTF-8)
    status: str = Field(default=DeliveryStatus.PENDING.value, sa_type=Text, nullable=False)
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)
    response_status: int | None = Field(default=None, sa_type=Integer)
    response_body: str | None = Field(default=None, sa_type=Text)  # the first KiB, for the log
    duration_ms: int | None = Field(default=None, sa_type=Integer)
    last_error: str | None = Field(default=None, sa_type=Text)
    next_attempt_at: datetime | None = timestamp()
    delivered_at: datetime | None = timestamp()
    replay_of: uuid.UUID | None = Field(default=None)
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
