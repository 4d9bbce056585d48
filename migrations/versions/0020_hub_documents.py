"""Hub recipients' documents from Mercado Livre's billing data.

``hub_orders.document_checked_at`` is when the billing data of an order without a recipient document was
last asked for (ML gives none for most MLB orders: it is not asked again for a while).
``melihub_hub_documents_wanted(checked_before, limit)`` lists, across tenants, the open hub orders (RECEBIDO
or PRONTO) of an active Mercado Livre account with no document and not checked since ``checked_before``:
ids only, for the worker's job (``melihub.hub.recipients``).

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WANTED = """
CREATE FUNCTION melihub_hub_documents_wanted(p_checked_before timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, hub_order_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT o.tenant_id, o.id FROM hub_orders o
   JOIN meli_accounts a ON a.id = o.meli_account_id AND a.status = 'active'
   WHERE o.channel = 'ML' AND o.status IN ('RECEBIDO', 'PRONTO') AND o.recipient_document IS NULL
     AND (o.document_checked_at IS NULL OR o.document_checked_at < p_checked_before)
   ORDER BY o.document_checked_at NULLS FIRST, o.created_at LIMIT p_limit $$
"""


def upgrade() -> None:
    op.add_column("hub_orders", sa.Column("document_checked_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(WANTED)


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_hub_documents_wanted(timestamptz, integer)")
    op.drop_column("hub_orders", "document_checked_at")
