"""Every Mercado Livre resource list walks an index in its default order instead of sorting the tenant's rows.

``orders``, ``listings``, ``shipments`` and ``questions`` page on (synced_at DESC NULLS LAST, id DESC) by
default. Without an index in exactly that order PostgreSQL read and top-N-sorted every row of the tenant
for each page: ~35-50 ms for a 100,000-order tenant (bench/graphql), growing with the table. A plain
(tenant_id, synced_at, id) index does not help: walked backwards it yields DESC NULLS *FIRST*. With this
one a page is ~0.1 ms, and the backward walk serves ``last``/``before`` pages.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("orders", "items", "shipments", "questions")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(
            f"ix_{table}_tenant_changed",
            table,
            ["tenant_id", sa.text("synced_at DESC NULLS LAST"), sa.text("id DESC")],
            unique=False,
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_tenant_changed", table_name=table)
