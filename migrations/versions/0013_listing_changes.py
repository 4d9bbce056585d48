"""Listing edits: each listing's change history, and bulk stock operations with a result per line.

``listing_changes`` holds every price, stock and status change of a listing and of its variations,
made through melihub (``source = 'MELIHUB'``, with the member or API token) or seen in a payload from
Mercado Livre (``'MERCADO_LIVRE'``), stamped with the listing's ``synced_at`` of the version that showed
it and that version's token. ``bulk_operations`` is one ``bulkUpdateStock`` call and how far its job
got; ``bulk_operation_lines`` each of its lines, what it resolved to and its result.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("listing_changes", "bulk_operations", "bulk_operation_lines")


def _tenant_columns() -> list[sa.Column]:
    return [sa.Column("id", sa.Uuid(), nullable=False), sa.Column("tenant_id", sa.Uuid(), nullable=False)]


def _tenant_keys() -> list[sa.Constraint]:
    return [sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"), sa.PrimaryKeyConstraint("id")]


def upgrade() -> None:
    op.create_table(
        "listing_changes",
        *_tenant_columns(),
        sa.Column("listing_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("from_value", sa.Text(), nullable=True),
        sa.Column("to_value", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("actor_user_id", sa.Uuid(), nullable=True),
        sa.Column("actor_token_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["listing_id"], ["items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["actor_token_id"], ["api_tokens.id"], ondelete="SET NULL"),
        *_tenant_keys(),
    )
    op.create_index(
        "ix_listing_changes_listing_at",
        "listing_changes",
        ["tenant_id", "listing_id", sa.text("at DESC"), sa.text("id DESC")],
        unique=False,
    )
    op.create_table(
        "bulk_operations",
        *_tenant_columns(),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("created_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_token_id", sa.Uuid(), nullable=True),
        sa.Column("meli_account_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by_token_id"], ["api_tokens.id"], ondelete="SET NULL"),
        *_tenant_keys(),
    )
    op.create_index("ix_bulk_operations_tenant_created", "bulk_operations", ["tenant_id", "created_at"])
    op.create_table(
        "bulk_operation_lines",
        *_tenant_columns(),
        sa.Column("operation_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sku", sa.Text(), nullable=True),
        sa.Column("listing_id", sa.Uuid(), nullable=True),
        sa.Column("variation_id", sa.Uuid(), nullable=True),
        sa.Column("available_quantity", sa.Integer(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("previous_quantity", sa.Integer(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["operation_id"], ["bulk_operations.id"], ondelete="CASCADE"),
        *_tenant_keys(),
        sa.UniqueConstraint("operation_id", "position"),
    )
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
    op.drop_table("bulk_operation_lines")
    op.drop_index("ix_bulk_operations_tenant_created", table_name="bulk_operations")
    op.drop_table("bulk_operations")
    op.drop_index("ix_listing_changes_listing_at", table_name="listing_changes")
    op.drop_table("listing_changes")
