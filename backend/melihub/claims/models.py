"""Post-purchase claims (mediations, returns, cancellations) opened by buyers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import MeliResource, bigint, timestamp


class Claim(MeliResource, table=True):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_claims_tenant_status_due", "tenant_id", "status", "due_at", "id"),
    )

    ml_id: int = Field(sa_type=BigInteger, nullable=False)
    resource: str | None = Field(default=None, sa_type=Text)
    resource_id: int | None = bigint(index=True)
    status: str = Field(sa_type=Text, nullable=False)
    stage: str | None = Field(default=None, sa_type=Text)
    type: str | None = Field(default=None, sa_type=Text)
    reason_id: str | None = Field(default=None, sa_type=Text)
    date_created: datetime | None = timestamp()
    # The earliest due date of the seller's available actions: when the seller must act next.
    due_at: datetime | None = timestamp()
    buyer_ml_id: int | None = bigint()
