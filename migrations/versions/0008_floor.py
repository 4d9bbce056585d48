"""The operations floor: each tenant's time zone, each shipment's dispatch deadline, and their indexes.

``tenants.time_zone`` (an IANA name, default America/Sao_Paulo) is where the company's day starts: the
floor counts today's orders from its local midnight. ``shipments.handling_limit`` is when the seller must
have dispatched a shipment; the reference names no such field, so it is read as the shipment applier
reads it (``melihub.shipments.service.handling_limit_of``, unsure): ``lead_time.estimated_handling_limit``
when given, else ``date_created`` plus ``lead_time.estimated_delivery_time.handling`` hours. Stored
shipments are backfilled from their raw payloads by that rule.

The floor counts open shipments (pending, handling, ready_to_ship) by deadline, and out-of-stock
listings: two partial indexes keep those counts off the tenant's closed shipments and stocked listings.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_SHIPMENTS = "status IN ('pending', 'handling', 'ready_to_ship')"
ISO_TIME = r"'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}'"
HOURS = "raw #>> '{lead_time,estimated_delivery_time,handling}'"
# The applier's rule in SQL; a value that is not a time or a sane number of hours leaves the row NULL.
# The nested CASE keeps the numeric casts away from values that are not JSON numbers.
BACKFILL = f"""
UPDATE shipments SET handling_limit = CASE
    WHEN raw #>> '{{lead_time,estimated_handling_limit,date}}' ~ {ISO_TIME}
        THEN (raw #>> '{{lead_time,estimated_handling_limit,date}}')::timestamptz
    WHEN raw ->> 'date_created' ~ {ISO_TIME}
        AND jsonb_typeof(raw #> '{{lead_time,estimated_delivery_time,handling}}') = 'number'
        THEN CASE WHEN ({HOURS})::numeric >= 0 AND ({HOURS})::numeric < 10000
            THEN (raw ->> 'date_created')::timestamptz + ({HOURS})::numeric * interval '1 hour'
        END
END
"""


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column("time_zone", sa.Text(), server_default="America/Sao_Paulo", nullable=False),
    )
    op.add_column("shipments", sa.Column("handling_limit", sa.DateTime(timezone=True), nullable=True))
    op.execute("SET LOCAL TIME ZONE 'UTC'")  # a time without offset is UTC, as the applier reads it
    op.execute(BACKFILL)
    op.create_index(
        "ix_shipments_tenant_open_handling",
        "shipments",
        ["tenant_id", "handling_limit"],
        unique=False,
        postgresql_where=sa.text(OPEN_SHIPMENTS),
    )
    op.create_index(
        "ix_items_tenant_out_of_stock",
        "items",
        ["tenant_id", "status"],
        unique=False,
        postgresql_where=sa.text("available_quantity = 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_items_tenant_out_of_stock", table_name="items")
    op.drop_index("ix_shipments_tenant_open_handling", table_name="shipments")
    op.drop_column("shipments", "handling_limit")
    op.drop_column("tenants", "time_zone")
