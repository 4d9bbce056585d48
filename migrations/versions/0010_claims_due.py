"""Claims in the inbox: when the seller must act, and who complains.

``claims.due_at`` is the earliest due date among the seller's (the respondent's) available actions on
Mercado Livre, the time the inbox sorts claims by; ``claims.buyer_ml_id`` the complainant buyer. Both are
read from each claim's stored payload here, and kept by the claims applier from now on.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A payload whose players are not a list, or whose dates do not parse, is left without a due date rather
# than failing the upgrade: the next notification of that claim sets it.
BACKFILL = """
UPDATE claims c SET
    due_at = (
        SELECT min((a ->> 'due_date')::timestamptz)
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.raw -> 'players') = 'array'
                                       THEN c.raw -> 'players' ELSE '[]'::jsonb END) p,
             jsonb_array_elements(CASE WHEN jsonb_typeof(p -> 'available_actions') = 'array'
                                       THEN p -> 'available_actions' ELSE '[]'::jsonb END) a
        WHERE p ->> 'role' = 'respondent' AND p ->> 'type' = 'seller'
          AND (a ->> 'due_date') ~ '^\\d{4}-\\d{2}-\\d{2}T'
    ),
    buyer_ml_id = (
        SELECT (p ->> 'user_id')::bigint
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.raw -> 'players') = 'array'
                                       THEN c.raw -> 'players' ELSE '[]'::jsonb END) p
        WHERE p ->> 'role' = 'complainant' AND p ->> 'type' = 'buyer' AND (p ->> 'user_id') ~ '^\\d{1,18}$'
        LIMIT 1
    )
"""


def upgrade() -> None:
    op.add_column("claims", sa.Column("due_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("claims", sa.Column("buyer_ml_id", sa.BigInteger(), nullable=True))
    # The inbox lists a tenant's claims of one status, soonest due first.
    op.create_index("ix_claims_tenant_status_due", "claims", ["tenant_id", "status", "due_at", "id"], unique=False)
    op.drop_index("ix_claims_tenant_status", table_name="claims")
    op.execute(BACKFILL)


def downgrade() -> None:
    op.create_index("ix_claims_tenant_status", "claims", ["tenant_id", "status"], unique=False)
    op.drop_index("ix_claims_tenant_status_due", table_name="claims")
    op.drop_column("claims", "buyer_ml_id")
    op.drop_column("claims", "due_at")
