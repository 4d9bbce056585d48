"""The inbox holds no foreign keys: every notification insert locked its tenant and account rows.

A foreign-key check takes ``FOR KEY SHARE`` on the referenced row; all notifications of a seller
reference the same tenant and account rows, so under load every concurrent ingest shares (and turns
into multixacts) the same two locks — 11 % of the ingest function's cost in pgbench. The inbox is a
log: it outlives the rows it mentions (an unlinked account's events stay readable, with the ML user id),
and whatever removes a tenant must delete its events too (no such path exists yet).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("integration_events_tenant_id_fkey", "integration_events", type_="foreignkey")
    op.drop_constraint("integration_events_meli_account_id_fkey", "integration_events", type_="foreignkey")


def downgrade() -> None:
    op.create_foreign_key(
        "integration_events_tenant_id_fkey", "integration_events", "tenants", ["tenant_id"], ["id"], ondelete="CASCADE"
    )
    op.create_foreign_key(
        "integration_events_meli_account_id_fkey",
        "integration_events",
        "meli_accounts",
        ["meli_account_id"],
        ["id"],
        ondelete="SET NULL",
    )
