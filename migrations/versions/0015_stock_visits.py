"""Stock periods, listing visit days and customer months.

``stock_periods`` holds each stretch of time a listing (``variation_ml_id`` null) or one of its
variations kept the same stock, the open one with ``until`` null; ``listing_visit_days`` Mercado
Livre's daily visits of a listing (``/items/visits``); ``customer_months`` each buyer's counted orders
and GMV per account, currency and local month (cohorts, RFM).

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("stock_periods", "listing_visit_days", "customer_months")


def _tenant_columns() -> list[sa.Column]:
    return [sa.Column("id", sa.Uuid(), nullable=False), sa.Column("tenant_id", sa.Uuid(), nullable=False)]


def _tenant_keys() -> list[sa.Constraint]:
    return [sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"), sa.PrimaryKeyConstraint("id")]


def _account_column() -> list[sa.Column | sa.Constraint]:
    return [
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="CASCADE"),
    ]


def upgrade() -> None:
    op.create_table(
        "stock_periods",
        *_tenant_columns(),
        *_account_column(),
        sa.Column("listing_id", sa.Uuid(), nullable=False),
        sa.Column("variation_ml_id", sa.BigInteger(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["listing_id"], ["items.id"], ondelete="CASCADE"),
        *_tenant_keys(),
    )
    op.create_index(
        "ux_stock_periods_open",
        "stock_periods",
        ["tenant_id", "listing_id", sa.text("coalesce(variation_ml_id, 0)")],
        unique=True,
        postgresql_where=sa.text("until IS NULL"),
    )
    op.create_index("ix_stock_periods_account_since", "stock_periods", ["tenant_id", "meli_account_id", "since"])
    op.create_index("ix_stock_periods_listing_since", "stock_periods", ["tenant_id", "listing_id", "since"])
    op.create_table(
        "listing_visit_days",
        *_tenant_columns(),
        *_account_column(),
        sa.Column("listing_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("visits", sa.BigInteger(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["listing_id"], ["items.id"], ondelete="CASCADE"),
        *_tenant_keys(),
        sa.UniqueConstraint("tenant_id", "listing_id", "day"),
    )
    op.create_index("ix_listing_visit_days_account_day", "listing_visit_days", ["tenant_id", "meli_account_id", "day"])
    op.create_table(
        "customer_months",
        *_tenant_columns(),
        *_account_column(),
        sa.Column("buyer_ml_id", sa.BigInteger(), nullable=False),
        sa.Column("currency_id", sa.Text(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("gmv", sa.Numeric(16, 2), nullable=False),
        sa.Column("first_order_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_order_at", sa.DateTime(timezone=True), nullable=False),
        *_tenant_keys(),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "buyer_ml_id", "currency_id", "month"),
    )
    op.create_index("ix_customer_months_account_month", "customer_months", ["tenant_id", "meli_account_id", "month"])
    # A buyer's orders on an account, which the customer months are recomputed from at each order change.
    op.create_index("ix_orders_account_buyer", "orders", ["meli_account_id", "buyer_ml_id"])
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
    op.drop_index("ix_orders_account_buyer", table_name="orders")
    op.drop_index("ix_customer_months_account_month", table_name="customer_months")
    op.drop_table("customer_months")
    op.drop_index("ix_listing_visit_days_account_day", table_name="listing_visit_days")
    op.drop_table("listing_visit_days")
    op.drop_index("ix_stock_periods_listing_since", table_name="stock_periods")
    op.drop_index("ix_stock_periods_account_since", table_name="stock_periods")
    op.drop_index("ux_stock_periods_open", table_name="stock_periods")
    op.drop_table("stock_periods")
