"""Post-sale conversations: one row per seller account and thread, kept with its messages; who sent what.

``conversations`` is what the inbox lists and pages: per tenant, account and ``thread_ml_id`` (the pack id,
or the order id of a sale without pack: the id Mercado Livre threads messages by) it holds the buyer, the
count of buyer messages without a read date, the latest message's time and ``inbox_rank``, one keyset
column that puts unread conversations first and then the latest message first (2^60 when unread, plus the
latest message's microseconds since the epoch). ``status``/``substatus``/``seller_max_message_length``
are Mercado Livre's ``conversation_status`` and limit, as melihub last read the thread (empty until then).
The messages applier keeps each row (``melihub.messages.conversations.REFRESH``); existing messages are
counted here. ``messages.sent_by_user_id``/``sent_at`` record a message melihub sent.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The applier's rule over every stored thread at once (a buyer message: one not from the account's seller).
BACKFILL = """
INSERT INTO conversations (id, tenant_id, meli_account_id, thread_ml_id, seller_ml_user_id, buyer_ml_user_id,
                           last_message_at, unread_count, inbox_rank, seller_max_message_length, created_at, updated_at)
SELECT gen_random_uuid(), t.tenant_id, t.meli_account_id, t.pack_ml_id, t.seller, t.buyer, t.last_at, t.unread,
       (CASE WHEN t.unread > 0 THEN 1152921504606846976 ELSE 0 END)::bigint
           + COALESCE((extract(epoch FROM t.last_at) * 1000000)::bigint, 0),
       350, now(), now()
FROM (
    SELECT m.tenant_id, m.meli_account_id, m.pack_ml_id, a.ml_user_id AS seller,
           max(CASE WHEN m.from_ml_user_id = a.ml_user_id THEN m.to_ml_user_id ELSE m.from_ml_user_id END) AS buyer,
           max(COALESCE(m.date_created, m.synced_at)) AS last_at,
           count(*) FILTER (WHERE m.from_ml_user_id IS DISTINCT FROM a.ml_user_id AND m.read_at IS NULL) AS unread
    FROM messages m JOIN meli_accounts a ON a.id = m.meli_account_id
    WHERE m.pack_ml_id IS NOT NULL
    GROUP BY m.tenant_id, m.meli_account_id, m.pack_ml_id, a.ml_user_id
) t
"""


def upgrade() -> None:
    op.add_column("messages", sa.Column("sent_by_user_id", sa.Uuid(), nullable=True))
    op.add_column("messages", sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
    op.create_foreign_key(
        "messages_sent_by_user_id_fkey", "messages", "users", ["sent_by_user_id"], ["id"], ondelete="SET NULL"
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("meli_account_id", sa.Uuid(), nullable=False),
        sa.Column("thread_ml_id", sa.BigInteger(), nullable=False),
        sa.Column("seller_ml_user_id", sa.BigInteger(), nullable=False),
        sa.Column("buyer_ml_user_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("substatus", sa.Text(), nullable=True),
        sa.Column("seller_max_message_length", sa.Integer(), server_default="350", nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unread_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("inbox_rank", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meli_account_id"], ["meli_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "meli_account_id", "thread_ml_id"),
    )
    op.create_index("ix_conversations_meli_account_id", "conversations", ["meli_account_id"], unique=False)
    # The inbox walks this backwards (unread and newest first); the unread filter reads the same index.
    op.create_index("ix_conversations_tenant_inbox", "conversations", ["tenant_id", "inbox_rank", "id"], unique=False)
    op.execute("ALTER TABLE conversations ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE conversations FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY tenant_isolation ON conversations "
        "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
    )
    op.execute(BACKFILL)


def downgrade() -> None:
    op.execute("DROP POLICY IF EXISTS tenant_isolation ON conversations")
    op.drop_index("ix_conversations_tenant_inbox", table_name="conversations")
    op.drop_index("ix_conversations_meli_account_id", table_name="conversations")
    op.drop_table("conversations")
    op.drop_constraint("messages_sent_by_user_id_fkey", "messages", type_="foreignkey")
    op.drop_column("messages", "sent_at")
    op.drop_column("messages", "sent_by_user_id")
