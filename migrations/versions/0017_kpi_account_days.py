"""KPI account days: each account's listing days summed per local day.

``kpi_account_days`` lets a report of months read a few rows a day instead of one per listing that sold;
it is filled from the existing ``kpi_listing_days`` here, and kept with them from then on. The index
``ix_kpi_listing_days_account_day`` finds one account day's listing rows when it is recomputed.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILL = """
INSERT INTO kpi_account_days (id, tenant_id, meli_account_id, day, units, orders, questions_asked)
SELECT gen_random_uuid(), d.tenant_id, d.meli_account_id, d.day,
       COALESCE(sum(d.units), 0), COALESCE(sum(d.orders), 0), COALESCE(sum(d.questions_asked), 0)
FROM kpi_listing_days d
GROUP BY d.tenant_id, d.meli_account_id, d.day
"""


def upgrade() -> None:
    op.create_table(
        "kpi_account_days",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("questions_asked", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "day"),
    )
    op.create_index(
        "ix_kpi_listing_days_account_day", "kpi_listing_days", ["tenant_id", "meli_account_id", "day"]
    )
    # The owner fills it before row-level security is forced: every tenant's rows at once.
    op.execute(FILL)
    op.execute("ALTER TABLE kpi_account_days ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE kpi_account_days FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY tenant_isolation ON kpi_account_days "
        "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
    )


def downgrade() -> None:
    op.drop_index("ix_kpi_listing_days_account_day", table_name="kpi_listing_days")
    op.drop_table("kpi_account_days")
