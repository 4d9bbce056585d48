"""The erasure marks and the tenant's privacy settings (migration 0025 holds the triggers that honour the marks)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Integer, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import TenantOwned, timestamp

DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650
ANONYMISED = "anonimizado"  # what a nickname reads after the erasure (the database's triggers write it)
ANONYMISED_TEXT = "[anonimizado]"  # what a message's or question's text reads after it


class BuyerErasure(TenantOwned, table=True):
    """A buyer this tenant erased: every later write of their data is scrubbed by the database."""

    __tablename__ = "buyer_erasures"
    __table_args__ = (UniqueConstraint("tenant_id", "ml_user_id"),)

    ml_user_id: int = Field(sa_type=BigInteger, nullable=False)
    erased_at: datetime = timestamp(default_now=True)
    erased_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


class PrivacySettings(TenantOwned, table=True):
    """How long raw notification payloads are kept (days; 0: kept). No row: the default."""

    __tablename__ = "privacy_settings"
    __table_args__ = (
        UniqueConstraint("tenant_id"),
        CheckConstraint("raw_payload_retention_days BETWEEN 0 AND 3650", name="privacy_settings_retention_check"),
    )

    raw_payload_retention_days: int = Field(
        default=DEFAULT_RETENTION_DAYS,
        sa_type=Integer,
        nullable=False,
        sa_column_kwargs={"server_default": str(DEFAULT_RETENTION_DAYS)},
    )
    updated_at: datetime = timestamp(default_now=True)
