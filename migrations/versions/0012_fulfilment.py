"""Fulfilment: who picked and packed each order and when; when a shipment's label was first printed.

``orders.picked_at``/``picked_by_user_id`` and ``packed_at``/``packed_by_user_id`` are melihub's own marks
(Mercado Livre knows nothing of picking): ``markPicked``/``markPacked`` set them on every order of a pack
at once. The rest of an order's fulfilment state comes from Mercado Livre's order and shipment status
(``melihub.fulfilment.states``).

``shipments.label_printed_at`` remembers that a label exists even after the shipment moves on (the
``CANCELLED_AFTER_LABEL`` exception): set when melihub prints it, or when a shipment is stored at one of
the ``ready_to_ship`` substatuses that follow printing. Shipments stored at those substatuses are
backfilled with the time melihub last stored them (the print happened at the latest then).

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# melihub.shipments.exceptions.LABEL_SUBSTATUSES, as of this revision.
BACKFILL = """
UPDATE shipments SET label_printed_at = synced_at
WHERE status = 'ready_to_ship'
  AND substatus IN ('printed', 'in_pickup_list', 'picked_up', 'in_hub', 'ready_for_dropoff')
"""


def upgrade() -> None:
    op.add_column("orders", sa.Column("picked_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("picked_by_user_id", sa.Uuid(), nullable=True))
    op.add_column("orders", sa.Column("packed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("packed_by_user_id", sa.Uuid(), nullable=True))
    for column in ("picked_by_user_id", "packed_by_user_id"):
        op.create_foreign_key(f"orders_{column}_fkey", "orders", "users", [column], ["id"], ondelete="SET NULL")
    op.add_column("shipments", sa.Column("label_printed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_column("shipments", "label_printed_at")
    for column in ("packed_by_user_id", "picked_by_user_id"):
        op.drop_constraint(f"orders_{column}_fkey", "orders", type_="foreignkey")
    for column in ("packed_by_user_id", "packed_at", "picked_by_user_id", "picked_at"):
        op.drop_column("orders", column)
