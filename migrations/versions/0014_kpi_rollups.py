"""KPI rollups: sales, logistics and service per account and UTC hour; listings per local day.

Also ``shipments.shipped_at`` (when the shipment was dispatched: ``status_history.date_shipped`` when the
payload has it, else the ML last-updated time of the first version melihub saw shipped, delivered or
not delivered), backfilled here from the stored payloads by the same rule (``SHIPPED_AT_SQL``): for a
shipment stored only after its delivery that time is its last update, later than the dispatch, which the
reference (§7) gives no way to know better. The rollups start empty: ``melihub kpis rebuild`` fills them.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "kpi_sales_hours",
    "kpi_logistics_hours",
    "kpi_service_hours",
    "kpi_listing_days",
    "kpi_first_replies",
    "kpi_counted_hours",
)
# Kept equal to melihub.shipments.service.SHIPPED_AT_SQL (a migration never imports application code).
SHIPPED_AT_SQL = (
    "COALESCE(CASE WHEN raw #>> '{status_history,date_shipped}' ~ '^\\d{4}-\\d{2}-\\d{2}T' "
    "THEN (raw #>> '{status_history,date_shipped}')::timestamptz END, ml_last_updated, synced_at)"
)
DISPATCHED = "status IN ('shipped', 'delivered', 'not_delivered')"


def _key_columns(*, currency: bool = False) -> list[sa.Column]:
    columns = [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
    ]
    if currency:
        columns.append(sa.Column("currency_id", sa.Text(), nullable=False))
    return columns


def _keys() -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    ]


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def _seconds(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.BigInteger(), nullable=False) for name in names]


def _amounts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Numeric(18, 2), nullable=False) for name in names]


def _hour() -> sa.Column:
    return sa.Column("hour", sa.DateTime(timezone=True), nullable=False)


def _create_rollups() -> None:
    op.create_table(
        "kpi_sales_hours",
        *_key_columns(currency=True),
        _hour(),
        *_counts("orders", "units"),
        *_amounts("gmv"),
        *_counts("sales", "cancelled", "refunds"),
        *_amounts("refunded_amount"),
        *_keys(),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "currency_id", "hour"),
    )
    op.create_table(
        "kpi_logistics_hours",
        *_key_columns(),
        _hour(),
        *_counts("dispatched", "dispatched_on_time"),
        *_seconds("handling_seconds"),
        *_counts("dispatched_late", "not_delivered", "returns"),
        *_keys(),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "hour"),
    )
    op.create_table(
        "kpi_service_hours",
        *_key_columns(),
        _hour(),
        *_counts("questions_answered", "answered_within_sla"),
        *_seconds("response_seconds"),
        *_counts("questions_asked", "first_replies"),
        *_seconds("first_reply_seconds"),
        *_keys(),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "hour"),
    )
    op.create_table(
        "kpi_listing_days",
        *_key_columns(),
        sa.Column("item_ml_id", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency_id", sa.Text(), nullable=False),
        *_counts("units", "orders"),
        *_amounts("gmv"),
        *_counts("questions_asked"),
        *_keys(),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "item_ml_id", "day", "currency_id"),
    )
    op.create_index("ix_kpi_listing_days_tenant_day", "kpi_listing_days", ["tenant_id", "day"])
    for table in ("kpi_sales_hours", "kpi_logistics_hours", "kpi_service_hours"):
        op.create_index(f"ix_{table}_tenant_hour", table, ["tenant_id", "hour"])


def _create_helpers() -> None:
    op.create_table(
        "kpi_first_replies",
        *_key_columns(),
        sa.Column("thread_ml_id", sa.BigInteger(), nullable=False),
        sa.Column("buyer_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reply_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply_seconds", sa.BigInteger(), nullable=True),
        *_keys(),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "thread_ml_id"),
    )
    op.create_index("ix_kpi_first_replies_tenant_reply", "kpi_first_replies", ["tenant_id", "reply_at"])
    op.create_table(
        "kpi_counted_hours",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("entity_type", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
        sa.Column("hours", postgresql.ARRAY(sa.DateTime(timezone=True)), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "entity_type", "entity_id"),
    )


def _raw_indexes() -> None:
    # What upkeep and the percentiles read by time: answers by answer time, dispatches by dispatch time.
    op.create_index(
        "ix_questions_tenant_answered",
        "questions",
        ["tenant_id", "answered_at"],
        postgresql_where=sa.text("answered_at IS NOT NULL"),
    )
    op.create_index("ix_questions_tenant_created", "questions", ["tenant_id", "date_created"])
    op.create_index(
        "ix_shipments_tenant_shipped",
        "shipments",
        ["tenant_id", "shipped_at"],
        postgresql_where=sa.text("shipped_at IS NOT NULL"),
    )


def upgrade() -> None:
    op.add_column("shipments", sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(f"UPDATE shipments SET shipped_at = {SHIPPED_AT_SQL} WHERE {DISPATCHED}")
    _create_rollups()
    _create_helpers()
    _raw_indexes()
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )


def downgrade() -> None:
    op.drop_index("ix_shipments_tenant_shipped", table_name="shipments")
    op.drop_index("ix_questions_tenant_created", table_name="questions")
    op.drop_index("ix_questions_tenant_answered", table_name="questions")
    for table in reversed(TABLES):
        op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
    op.drop_index("ix_kpi_first_replies_tenant_reply", table_name="kpi_first_replies")
    op.drop_index("ix_kpi_listing_days_tenant_day", table_name="kpi_listing_days")
    for table in ("kpi_sales_hours", "kpi_logistics_hours", "kpi_service_hours"):
        op.drop_index(f"ix_{table}_tenant_hour", table_name=table)
    for table in reversed(TABLES):
        op.drop_table(table)
    op.drop_column("shipments", "shipped_at")
