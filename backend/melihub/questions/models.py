"""Buyer questions on listings and the seller's answers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, SmallInteger, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlmodel import Field

from melihub.db.base import MeliResource, TenantOwned, bigint, changed_first_index, timestamp


class SlaStage:
    """How far the SLA job has announced an unanswered question (it never announces a stage twice)."""

    NONE = 0
    WARNING = 1  # 80 % of the SLA gone
    BREACHED = 2


class Question(MeliResource, table=True):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_questions_tenant_status_created", "tenant_id", "status", "date_created"),
        Index(
            "ix_questions_tenant_open_sla",
            "tenant_id",
            "sla_due_at",
            postgresql_where=sql_text("status = 'UNANSWERED'"),
        ),
        # KPI upkeep and response-time percentiles read answers by answer time (melihub.kpis).
        Index(
            "ix_questions_tenant_answered",
            "tenant_id",
            "answered_at",
            postgresql_where=sql_text("answered_at IS NOT NULL"),
        ),
        Index("ix_questions_tenant_created", "tenant_id", "date_created"),
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
    # Set when the answer went out through melihub: who sent it, and when melihub sent it.
    answered_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    answer_sent_at: datetime | None = timestamp()
    sla_due_at: datetime | None = timestamp()
    sla_stage: int = Field(
        default=SlaStage.NONE, sa_type=SmallInteger, nullable=False, sa_column_kwargs={"server_default": "0"}
    )


changed_first_index(Question)


class QuestionTemplate(TenantOwned, table=True):
    """A canned answer with placeholders ({{comprador}}, {{titulo}}, …) filled from the question."""

    __tablename__ = "question_templates"
    __table_args__ = (
        UniqueConstraint("tenant_id", "name"),
        Index(
            "ix_question_templates_tenant_shortcut",
            "tenant_id",
            "shortcut",
            unique=True,
            postgresql_where=sql_text("shortcut IS NOT NULL"),
        ),
    )

    name: str = Field(sa_type=Text, nullable=False)
    text: str = Field(sa_type=Text, nullable=False)
    shortcut: str | None = Field(default=None, sa_type=Text)
    created_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
