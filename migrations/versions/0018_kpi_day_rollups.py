"""KPI day rollups: the hourly sales, service and logistics rollups summed per local day of the tenant.

A report by DAY, WEEK or MONTH reads ``kpi_sales_days``, ``kpi_service_days`` and ``kpi_logistics_days``
(a row a day) instead of the hourly tables (24 rows a day); they are filled here from the existing hours,
each tenant's in its own zone, and kept with the hours from then on (``melihub.kpis.day_rollups``).

``kpi_zones`` records the zone a tenant's day-keyed rollups are in (no row: its current zone), and the
rebuild under way after a change of zone; ``melihub_kpi_zone_changes()`` lists the tenants whose zone moved
since (a cron rebuilds them: ``melihub.kpis.zone_change``). Existing tenants start in their current zone.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INTEGER, AMOUNT, SECONDS = sa.Integer, lambda: sa.Numeric(18, 2), sa.BigInteger
# Each day table: the keys besides account and day, and its figures (those of its hourly table).
TABLES: dict[str, tuple[tuple[str, ...], tuple[tuple[str, Callable[[], Any]], ...]]] = {
    "kpi_sales_days": (
        ("currency_id",),
        (
            ("orders", INTEGER),
            ("units", INTEGER),
            ("gmv", AMOUNT),
            ("sales", INTEGER),
            ("cancelled", INTEGER),
            ("refunds", INTEGER),
            ("refunded_amount", AMOUNT),
        ),
    ),
    "kpi_logistics_days": (
        (),
        (
            ("dispatched", INTEGER),
            ("dispatched_on_time", INTEGER),
            ("handling_seconds", SECONDS),
            ("dispatched_late", INTEGER),
            ("not_delivered", INTEGER),
            ("returns", INTEGER),
        ),
    ),
    "kpi_service_days": (
        (),
        (
            ("questions_answered", INTEGER),
            ("answered_within_sla", INTEGER),
            ("response_seconds", SECONDS),
            ("questions_asked", INTEGER),
            ("first_replies", INTEGER),
            ("first_reply_seconds", SECONDS),
        ),
    ),
}
LOCAL_DAY = "(h.hour AT TIME ZONE COALESCE(t.time_zone, 'America/Sao_Paulo'))::date"


def _fill(table: str) -> str:
    extra_keys, figures = TABLES[table]
    keys = ", ".join(f"h.{key}" for key in ("meli_account_id", *extra_keys))
    names = [name for name, _ in figures]
    sums = ", ".join(f"COALESCE(sum(h.{name}), 0)" for name in names)
    return f"""
INSERT INTO {table} (id, tenant_id, {keys.replace("h.", "")}, day, {", ".join(names)})
SELECT gen_random_uuid(), h.tenant_id, {keys}, {LOCAL_DAY}, {sums}
FROM {table.replace("_days", "_hours")} h JOIN tenants t ON t.id = h.tenant_id
GROUP BY h.tenant_id, {keys}, {LOCAL_DAY}
"""


ZONE_CHANGES = """
CREATE FUNCTION melihub_kpi_zone_changes() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT z.tenant_id FROM kpi_zones z JOIN tenants t ON t.id = z.tenant_id
   WHERE z.time_zone IS DISTINCT FROM t.time_zone $$
"""


def _zones() -> None:
    op.create_table(
        "kpi_zones",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("time_zone", sa.Text(), nullable=True),
        sa.Column("rebuilding_zone", sa.Text(), nullable=True),
        sa.Column("rebuild_from", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id"),
    )
    op.execute("INSERT INTO kpi_zones (id, tenant_id, time_zone) SELECT gen_random_uuid(), id, time_zone FROM tenants")
    op.execute("ALTER TABLE kpi_zones ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE kpi_zones FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY tenant_isolation ON kpi_zones "
        "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
    )
    op.execute(ZONE_CHANGES)


def upgrade() -> None:
    _zones()
    for table, (extra_keys, figures) in TABLES.items():
        op.create_table(
            table,
            sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("tenant_id", sa.Uuid(), nullable=False),
            sa.Column("meli_account_id", sa.Uuid(), nullable=False),
            *(sa.Column(key, sa.Text(), nullable=False) for key in extra_keys),
            sa.Column("day", sa.Date(), nullable=False),
            *(sa.Column(name, kind(), nullable=False) for name, kind in figures),
            sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("tenant_id", "meli_account_id", *extra_keys, "day"),
        )
        op.create_index(f"ix_{table}_tenant_day", table, ["tenant_id", "day"])
        # The owner fills it before row-level security is forced: every tenant's rows at once.
        op.execute(_fill(table))
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_kpi_zone_changes()")
    op.drop_table("kpi_zones")
    for table in TABLES:
        op.drop_table(table)
