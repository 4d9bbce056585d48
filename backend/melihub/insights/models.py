"""Listing intelligence: each listing's score and its history, the facts from Mercado Livre it is judged on
(category attributes, ML's own quality score), and the LLM's analyses with their spend."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Integer, Numeric, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from melihub.db.base import TenantOwned, jsonb, text_array, timestamp


class ListingScore(TenantOwned, table=True):
    """One computation of a listing's score; the listing's ``current`` row is the one shown and filtered on.

    A recomputation that finds the same value and findings only moves ``computed_at`` of the current row,
    so the history holds one row per change of the score (a seller sees it move after a fix).
    """

    __tablename__ = "listing_scores"
    __table_args__ = (
        Index(
            "ux_listing_scores_current",
            "tenant_id",
            "listing_id",
            unique=True,
            postgresql_where=text("is_current"),
        ),
        Index("ix_listing_scores_history", "tenant_id", "listing_id", text("computed_at DESC")),
        Index(
            "ix_listing_scores_account_value",
            "tenant_id",
            "meli_account_id",
            "value",
            postgresql_where=text("is_current"),
        ),
    )

    listing_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, ondelete="CASCADE")
    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    value: int = Field(sa_type=Integer, nullable=False)
    level: str = Field(sa_type=Text, nullable=False)
    findings: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONB, nullable=False)
    failed_rules: list[str] = text_array()  # the rules with a finding, for listings(filter: {finding})
    points_lost: dict[str, Any] = jsonb()  # rule → points it cost, for the account's "rules that cost most"
    is_current: bool = Field(default=True, nullable=False)
    computed_at: datetime = timestamp(default_now=True)


class MeliCategory(SQLModel, table=True):
    """A Mercado Livre category's attributes (public data, the same for every company): fetched once a week."""

    __tablename__ = "meli_categories"

    category_id: str = Field(sa_type=Text, primary_key=True)
    name: str | None = Field(default=None, sa_type=Text)
    attributes: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONB, nullable=False)
    fetched_at: datetime = timestamp(default_now=True)


class ListingQuality(TenantOwned, table=True):
    """Mercado Livre's own quality score of a listing (``/item/{id}/performance``), refreshed once a day."""

    __tablename__ = "listing_quality"
    __table_args__ = (UniqueConstraint("tenant_id", "listing_id"),)

    listing_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, ondelete="CASCADE")
    score: int | None = Field(default=None, sa_type=Integer)  # None: ML has none for it (404)
    level: str | None = Field(default=None, sa_type=Text)
    level_wording: str | None = Field(default=None, sa_type=Text)
    pending: list[str] = text_array()  # the titles of ML's pending rules, shown as evidence
    calculated_at: datetime | None = timestamp()
    fetched_at: datetime = timestamp(default_now=True)


class AnalysisStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"  # with an error; ``retry_at`` set when it is tried again by itself


class ListingAnalysis(TenantOwned, table=True):
    """One LLM review of a listing, with what it cost and the listing version (a digest) it judged."""

    __tablename__ = "listing_analyses"
    __table_args__ = (
        Index("ix_listing_analyses_listing", "tenant_id", "listing_id", text("created_at DESC")),
        Index("ix_listing_analyses_month", "tenant_id", "created_at"),
    )

    listing_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, ondelete="CASCADE")
    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    status: str = Field(default=AnalysisStatus.QUEUED.value, sa_type=Text, nullable=False)
    listing_version: str = Field(sa_type=Text, nullable=False)
    prompt_version: str = Field(sa_type=Text, nullable=False)
    language: str = Field(sa_type=Text, nullable=False)
    model: str = Field(sa_type=Text, nullable=False)
    result: dict[str, Any] | None = jsonb(nullable=True)
    error: str | None = Field(default=None, sa_type=Text)
    error_code: str | None = Field(default=None, sa_type=Text)
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)  # LLM requests made (a retry is two)
    prompt_tokens: int = Field(default=0, sa_type=Integer, nullable=False)
    completion_tokens: int = Field(default=0, sa_type=Integer, nullable=False)
    cost_estimate: Decimal = Field(default=Decimal("0"), sa_type=Numeric(12, 6), nullable=False)  # USD
    latency_ms: int | None = Field(default=None, sa_type=Integer)
    requested_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    applied_titles: list[str] = text_array()  # suggestions applied through applyTitleSuggestion
    created_at: datetime = timestamp(default_now=True)
    started_at: datetime | None = timestamp()
    finished_at: datetime | None = timestamp()
    retry_at: datetime | None = timestamp()


class AiBudget(TenantOwned, table=True):
    """A company's own monthly token budget for LLM reviews (none: the setting's default)."""

    __tablename__ = "ai_budgets"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    monthly_tokens: int = Field(sa_type=Integer, nullable=False)
    updated_at: datetime = timestamp(default_now=True)
