"""Post-sale messages exchanged with buyers, threaded per pack (or order)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import MeliResource, bigint, timestamp


class Message(MeliResource, table=True):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_messages_tenant_pack", "tenant_id", "pack_ml_id"),
    )

    ml_id: str = Field(sa_type=Text, nullable=False)
    pack_ml_id: int | None = bigint()
    from_ml_user_id: int | None = bigint()
    to_ml_user_id: int | None = bigint()
    text: str = Field(default="", sa_type=Text, nullable=False)
    status: str | None = Field(default=None, sa_type=Text)
    date_created: datetime | None = timestamp()
    read_at: datetime | None = timestamp()
