"""Listing intelligence: each listing's score and its history, the Mercado Livre facts it is judged on (the
categories' attributes, shared by every company; ML's quality score per listing), the LLM's analyses and a
company's own monthly token budget.

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES = ("listing_scores", "listing_quality", "listing_analyses", "ai_budgets")


def _tenant_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
    ]


def _tenant_keys() -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade() -> None:
    op.create_table(
        "listing_scores",
        *_tenant_columns(),
        sa.Column("listing_id", sa.Uuid(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("level", sa.Text(), nullable=False),
        sa.Column("findings", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("failed_rules", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("points_lost", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["listing_id"], ["items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="CASCADE"),
        *_tenant_keys(),
    )
    op.create_index(
        "ux_listing_scores_current",
        "listing_scores",
        ["tenant_id", "listing_id"],
        unique=True,
        postgresql_where=sa.text("is_current"),
    )
    op.create_index(
        "ix_listing_scores_history", "listing_scores", ["tenant_id", "listing_id", sa.text("computed_at DESC")]
    )
    op.create_index(
        "ix_listing_scores_account_value",
        "listing_scores",
        ["tenant_id", "meli_account_id", "value"],
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "meli_categories",
        sa.Column("category_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("attributes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("category_id"),
    )
    op.create_table(
        "listing_quality",
        *_tenant_columns(),
        sa.Column("listing_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("level", sa.Text(), nullable=True),
        sa.Column("level_wording", sa.Text(), nullable=True),
        sa.Column("pending", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("calculated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["listing_id"], ["items.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("tenant_id", "listing_id"),
        *_tenant_keys(),
    )
    op.create_table(
        "listing_analyses",
        *_tenant_columns(),
        sa.Column("listing_id", sa.Uuid(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("listing_version", sa.Text(), nullable=False),
        sa.Column("prompt_version", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("error_code", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_estimate", sa.Numeric(12, 6), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=True),
        sa.Column("requested_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("applied_titles", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retry_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["listing_id"], ["items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by_user_id"], ["users.id"], ondelete="SET NULL"),
        *_tenant_keys(),
    )
    op.create_index(
        "ix_listing_analyses_listing", "listing_analyses", ["tenant_id", "listing_id", sa.text("created_at DESC")]
    )
    op.create_index("ix_listing_analyses_month", "listing_analyses", ["tenant_id", "created_at"])
    op.create_table(
        "ai_budgets",
        *_tenant_columns(),
        sa.Column("monthly_tokens", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("tenant_id"),
        *_tenant_keys(),
    )
    for table in TENANT_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )


def downgrade() -> None:
    for table in ("ai_budgets", "listing_analyses", "listing_quality", "meli_categories", "listing_scores"):
        op.drop_table(table)
