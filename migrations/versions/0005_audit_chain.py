"""The audit log becomes a hash chain per tenant, with before/after, IP and user agent of each change.

Each row gets its tenant's next ``seq``, the previous row's hash and its own (SHA-256 over the canonical
form of ``melihub.audit.chain``); ``audit_chain_heads`` holds each tenant's last link, locked by every
writer (one chain, never a fork) and compared by ``melihub audit verify`` (a truncated end shows). Rows
already stored are chained here in (created_at, id) order, their secrets redacted first.

Revision ID: 0005
Revises: 0004
"""

import uuid
from collections.abc import Sequence
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from melihub.audit.chain import row_hash, sanitized

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_COLUMNS = ("before", "after", "ip", "user_agent", "seq", "prev_hash", "hash")


def _chain_existing_rows() -> None:
    conn = op.get_bind()
    query = sa.text(
        "SELECT id, tenant_id, actor_user_id, actor_token_id, action, target_type, target_id, data, request_id,"
        " created_at FROM audit_log ORDER BY tenant_id, created_at, id"
    ).columns(data=postgresql.JSONB)
    heads: dict[object, tuple[int, str]] = {}
    updates = []
    for stored in conn.execute(query).mappings():
        seq, prev_hash = heads.get(stored["tenant_id"], (0, None))
        facts = {"before": None, "after": None, "ip": None, "user_agent": None, "seq": seq + 1, "prev_hash": prev_hash}
        row = SimpleNamespace(**{**stored, **facts, "data": sanitized(stored["data"]) or {}})
        digest = row_hash(row)
        heads[row.tenant_id] = (row.seq, digest)
        updates.append({"id": row.id, "data": row.data, "seq": row.seq, "prev_hash": prev_hash, "hash": digest})
    if updates:
        conn.execute(
            sa.text(
                "UPDATE audit_log SET data = :data, seq = :seq, prev_hash = :prev_hash, hash = :hash WHERE id = :id"
            ).bindparams(sa.bindparam("data", type_=postgresql.JSONB)),
            updates,
        )
        conn.execute(
            sa.text("INSERT INTO audit_chain_heads (id, tenant_id, seq, hash) VALUES (:id, :tenant_id, :seq, :hash)"),
            [{"id": uuid.uuid4(), "tenant_id": t, "seq": seq, "hash": digest} for t, (seq, digest) in heads.items()],
        )


def upgrade() -> None:
    op.add_column('audit_log', sa.Column('before', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column('audit_log', sa.Column('after', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column('audit_log', sa.Column('ip', sa.Text(), nullable=True))
    op.add_column('audit_log', sa.Column('user_agent', sa.Text(), nullable=True))
    op.add_column('audit_log', sa.Column('seq', sa.BigInteger(), nullable=True))
    op.add_column('audit_log', sa.Column('prev_hash', sa.Text(), nullable=True))
    op.add_column('audit_log', sa.Column('hash', sa.Text(), nullable=True))
    op.create_table('audit_chain_heads',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tenant_id')
    )
    _chain_existing_rows()
    op.alter_column('audit_log', 'seq', nullable=False)
    op.alter_column('audit_log', 'hash', nullable=False)
    op.create_index('ux_audit_log_tenant_seq', 'audit_log', ['tenant_id', 'seq'], unique=True)
    # auditLog lists newest first with NULLS LAST: a plain (tenant_id, created_at) index would need a sort.
    op.drop_index('ix_audit_log_tenant_created', table_name='audit_log')
    op.create_index(
        'ix_audit_log_tenant_created',
        'audit_log',
        ['tenant_id', sa.text('created_at DESC NULLS LAST'), sa.text('id DESC')],
        unique=False,
    )
    op.execute("ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY tenant_isolation ON audit_chain_heads "
        "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
    )


def downgrade() -> None:
    op.execute("DROP POLICY IF EXISTS tenant_isolation ON audit_chain_heads")
    op.drop_table('audit_chain_heads')
    op.drop_index('ix_audit_log_tenant_created', table_name='audit_log')
    op.create_index('ix_audit_log_tenant_created', 'audit_log', ['tenant_id', 'created_at'], unique=False)
    op.drop_index('ux_audit_log_tenant_seq', table_name='audit_log')
    for column in reversed(NEW_COLUMNS):
        op.drop_column('audit_log', column)
