"""The pickup hub: feature flags, hub settings, hub orders with lines and volumes, SKU and status mappings,
and ready notifications; every table tenant-owned under row-level security. ``integration_events.reprocessed``
counts how many times an event was sent through the pipeline again.

``melihub_hub_due_notifications(now)`` lists the deliveries due for a try across tenants (ids only), for
the worker's sweeper; ``melihub_queue_status(source)`` and ``melihub_hub_notification_status()`` count the
integration backlog and the notifications for ``melihub queue status`` (counts only).

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TABLES = (
    "feature_flags",
    "hub_settings",
    "hub_sku_mappings",
    "hub_status_mappings",
    "hub_orders",
    "hub_notifications",
    "hub_order_lines",
    "hub_volumes",
)
DUE = """
CREATE FUNCTION melihub_hub_due_notifications(p_now timestamptz) RETURNS TABLE (tenant_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT n.tenant_id, n.id FROM hub_notifications n
   WHERE n.status IN ('PENDING', 'RETRYING', 'SENDING') AND n.next_attempt_at <= p_now
   ORDER BY n.next_attempt_at LIMIT 500 $$
"""


QUEUE_STATUS = """
CREATE FUNCTION melihub_queue_status(p_source text)
RETURNS TABLE (source text, pending bigint, oldest_pending timestamptz, retrying bigint, failed bigint,
               reprocess_pending bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT e.source,
          count(*) FILTER (WHERE e.status IN ('received', 'processing', 'retrying')),
          min(e.received_at) FILTER (WHERE e.status IN ('received', 'processing', 'retrying')),
          count(*) FILTER (WHERE e.status = 'retrying'),
          count(*) FILTER (WHERE e.status = 'failed'),
          count(*) FILTER (WHERE e.reprocessed > 0 AND e.status IN ('received', 'processing', 'retrying'))
   FROM integration_events e WHERE p_source IS NULL OR e.source = p_source GROUP BY e.source $$
"""
NOTIFICATION_STATUS = """
CREATE FUNCTION melihub_hub_notification_status() RETURNS TABLE (status text, count bigint, oldest timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT n.status, count(*), min(n.created_at) FROM hub_notifications n GROUP BY n.status $$
"""


def _secure() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )
    op.execute(DUE)
    op.execute(QUEUE_STATUS)  # counts only, across tenants: for `melihub queue status`
    op.execute(NOTIFICATION_STATUS)


def upgrade() -> None:
    # How many times someone sent an event through the pipeline again (a constant default: no table rewrite).
    op.add_column("integration_events", sa.Column("reprocessed", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "feature_flags",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "key"),
    )
    op.create_table(
        "hub_settings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("pickup_hours", sa.Text(), nullable=False),
        sa.Column("smtp_url_encrypted", sa.Text(), nullable=True),
        sa.Column("smtp_from", sa.Text(), nullable=True),
        sa.Column("sms_url", sa.Text(), nullable=True),
        sa.Column("sms_token_encrypted", sa.Text(), nullable=True),
        sa.Column("whatsapp_url", sa.Text(), nullable=True),
        sa.Column("whatsapp_token_encrypted", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id"),
    )
    op.create_table(
        "hub_sku_mappings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("external_sku", sa.Text(), nullable=False),
        sa.Column("internal_sku", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "channel", "external_sku"),
    )
    op.create_table(
        "hub_status_mappings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("external_status", sa.Text(), nullable=False),
        sa.Column("internal_status", sa.Text(), nullable=False),
        sa.Column("terminal", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "channel", "external_status"),
    )
    op.create_table(
        "hub_orders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("external_id", sa.Text(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("external_status", sa.Text(), nullable=True),
        sa.Column("internal_status", sa.Text(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("mapping_needed", sa.Text(), nullable=True),
        sa.Column("shipment_ml_id", sa.BigInteger(), nullable=True),
        sa.Column("label_ready", sa.Boolean(), nullable=False),
        sa.Column("recipient_name", sa.Text(), nullable=True),
        sa.Column("recipient_document", sa.Text(), nullable=True),
        sa.Column("recipient_phone", sa.Text(), nullable=True),
        sa.Column("recipient_email", sa.Text(), nullable=True),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("picked_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("picked_up_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('RECEBIDO','PRONTO','RETIRADO')", name="hub_orders_status_check"),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["picked_up_by"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "channel", "external_id"),
    )
    op.create_index("ix_hub_orders_tenant_shipment", "hub_orders", ["tenant_id", "shipment_ml_id"], unique=False)
    op.create_index("ix_hub_orders_tenant_status", "hub_orders", ["tenant_id", "status", "updated_at"], unique=False)
    op.create_table(
        "hub_notifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("hub_order_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("dedupe_key", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("provider_id", sa.Text(), nullable=True),
        sa.Column("destination", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["hub_order_id"], ["hub_orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "dedupe_key"),
    )
    op.create_index(
        "ix_hub_notifications_due",
        "hub_notifications",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status IN ('PENDING', 'RETRYING', 'SENDING')"),
    )
    op.create_table(
        "hub_order_lines",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("hub_order_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("order_ml_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("external_sku", sa.Text(), nullable=True),
        sa.Column("internal_sku", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["hub_order_id"], ["hub_orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hub_order_id", "order_ml_id", "line_no"),
    )
    op.create_index(
        "ix_hub_order_lines_unmapped", "hub_order_lines", ["tenant_id", "channel", "external_sku"], unique=False
    )
    op.create_table(
        "hub_volumes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("hub_order_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("weight_grams", sa.Integer(), nullable=True),
        sa.Column("dimensions", sa.Text(), nullable=True),
        sa.Column("external_label", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("position", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["hub_order_id"], ["hub_orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hub_order_id", "number"),
    )
    _secure()


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_hub_notification_status()")
    op.execute("DROP FUNCTION IF EXISTS melihub_queue_status(text)")
    op.execute("DROP FUNCTION IF EXISTS melihub_hub_due_notifications(timestamptz)")
    op.drop_column("integration_events", "reprocessed")
    op.drop_table("hub_volumes")
    op.drop_index("ix_hub_order_lines_unmapped", table_name="hub_order_lines")
    op.drop_table("hub_order_lines")
    op.drop_index(
        "ix_hub_notifications_due",
        table_name="hub_notifications",
        postgresql_where=sa.text("status IN ('PENDING', 'RETRYING', 'SENDING')"),
    )
    op.drop_table("hub_notifications")
    op.drop_index("ix_hub_orders_tenant_status", table_name="hub_orders")
    op.drop_index("ix_hub_orders_tenant_shipment", table_name="hub_orders")
    op.drop_table("hub_orders")
    op.drop_table("hub_status_mappings")
    op.drop_table("hub_sku_mappings")
    op.drop_table("hub_settings")
    op.drop_table("feature_flags")
