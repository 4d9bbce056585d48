"""Buyer questions on listings and the seller's answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import MeliResource, bigint, changed_first_index, timestamp


class Question(MeliResource, table=True):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_questions_tenant_status_created", "tenant_id", "status", "date_created"),
    )

    ml_id: int = Field(sa_type=BigInteger, nullable=False)
    item_ml_id: str = Field(sa_type=Text, nullable=False, index=True)
    status: str = Field(sa_type=Text, nullable=False)
    text: str = Field(default="", sa_type=Text, nullable=False)
    from_ml_user_id: int | None = bigint()
    date_created: datetime | None = timestamp()
    answer_text: str | None = Field(default=None, sa_type=Text)
    answer_status: str | None = Field(default=None, sa_type=Text)
    answered_at: datetime | None = timestamp()


changed_first_index(Question)
