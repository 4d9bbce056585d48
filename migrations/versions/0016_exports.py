"""Exports, their file chunks and schedules.

``exports`` is one file a worker builds (``startExport`` or a schedule's run) and how far it got;
``export_chunks`` holds the file in pieces of about a megabyte, so any API process serves any export;
``export_schedules`` are the crons that start exports. ``exports (schedule_id, slot_at)`` is unique: a
schedule's cron slot starts one export, however many workers see it due.

Two routing functions let the minute crons find their tenants without reading tenant data:
``melihub_export_due_tenants`` (tenants with a schedule due) and ``melihub_export_cleanup_tenants``
(tenants with an export past its keep time, or one whose job stopped beating).

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("export_schedules", "exports", "export_chunks")

DUE_TENANTS = """
CREATE FUNCTION melihub_export_due_tenants(p_now timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT s.tenant_id FROM export_schedules s
    WHERE s.active AND s.next_run_at IS NOT NULL AND s.next_run_at <= p_now
$$
"""
CLEANUP_TENANTS = """
CREATE FUNCTION melihub_export_cleanup_tenants(p_now timestamptz, p_stale_before timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT e.tenant_id FROM exports e
    WHERE (e.status = 'DONE' AND e.expires_at <= p_now)
       OR (e.status IN ('QUEUED', 'RUNNING') AND e.updated_at < p_stale_before)
$$
"""


def _tenant_columns() -> list[sa.Column]:
    return [sa.Column("id", sa.Uuid(), nullable=False), sa.Column("tenant_id", sa.Uuid(), nullable=False)]


def _tenant_keys() -> list[sa.Constraint]:
    return [sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"), sa.PrimaryKeyConstraint("id")]


def _authors() -> list[sa.Column | sa.Constraint]:
    return [
        sa.Column("created_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_token_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by_token_id"], ["api_tokens.id"], ondelete="SET NULL"),
    ]


def upgrade() -> None:
    op.create_table(
        "export_schedules",
        *_tenant_columns(),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("format", sa.Text(), nullable=False),
        sa.Column("filter", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("meli_account_ids", postgresql.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("cron", sa.Text(), nullable=False),
        sa.Column("time_zone", sa.Text(), nullable=False),
        sa.Column("locale", sa.Text(), nullable=False),
        sa.Column("keep_hours", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        *_authors(),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        *_tenant_keys(),
    )
    op.create_index("ix_export_schedules_tenant_next_run", "export_schedules", ["tenant_id", "next_run_at"])
    op.create_table(
        "exports",
        *_tenant_columns(),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("format", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("filter", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("meli_account_ids", postgresql.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("time_zone", sa.Text(), nullable=False),
        sa.Column("locale", sa.Text(), nullable=False),
        sa.Column("keep_hours", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Uuid(), nullable=True),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=True),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("content_type", sa.Text(), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        *_authors(),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["schedule_id"], ["export_schedules.id"], ondelete="SET NULL"),
        sa.UniqueConstraint("schedule_id", "slot_at"),
        *_tenant_keys(),
    )
    op.create_index("ix_exports_tenant_created", "exports", ["tenant_id", "created_at"])
    op.create_table(
        "export_chunks",
        *_tenant_columns(),
        sa.Column("export_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["export_id"], ["exports.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("export_id", "seq"),
        *_tenant_keys(),
    )
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )
    op.execute(DUE_TENANTS)
    op.execute(CLEANUP_TENANTS)


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_export_cleanup_tenants(timestamptz, timestamptz)")
    op.execute("DROP FUNCTION IF EXISTS melihub_export_due_tenants(timestamptz)")
    for table in reversed(TABLES):
        op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
    op.drop_table("export_chunks")
    op.drop_index("ix_exports_tenant_created", table_name="exports")
    op.drop_table("exports")
    op.drop_index("ix_export_schedules_tenant_next_run", table_name="export_schedules")
    op.drop_table("export_schedules")
