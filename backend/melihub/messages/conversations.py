"""Keeping each conversation row in step with its messages (the write side of the inbox).

A conversation is derived: after a message of a thread is stored, :func:`refresh_conversation` recounts
the thread's unread buyer messages and its latest message in one statement, so the webhook, the sync and
melihub's own sends all leave the same row. What only the thread's ``GET`` tells (Mercado Livre's
``conversation_status`` and the seller's length limit) is stored by :func:`store_thread_state`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.meli.models import MessageThread
from melihub.messages.models import SELLER_MAX_MESSAGE_LENGTH, Conversation, Message

UNREAD_BIT = 1 << 60  # above any microsecond timestamp (2^60 µs ≈ 36,000 years)
BLOCKED = frozenset({"blocked"})  # conversation_status.status values that stop the seller (reference §9)

# The inbox's order in one column: unread conversations above every read one, then the latest message first.
_RANK = (
    f"(CASE WHEN t.unread > 0 THEN {UNREAD_BIT} ELSE 0 END)::bigint"
    " + COALESCE((extract(epoch FROM t.last_at) * 1000000)::bigint, 0)"
)

# A buyer message is one not from the seller; it is unread while Mercado Livre gives it no read date. The casts
# type each parameter once (asyncpg refuses a parameter used with two deduced types).
REFRESH = text(
    f"""
    WITH p AS (
        SELECT CAST(:id AS uuid) AS id, CAST(:tenant_id AS uuid) AS tenant_id, CAST(:account_id AS uuid) AS account_id,
               CAST(:thread AS bigint) AS thread, CAST(:seller AS bigint) AS seller, CAST(:now AS timestamptz) AS now
    ), t AS (
        SELECT max(CASE WHEN m.from_ml_user_id = p.seller THEN m.to_ml_user_id ELSE m.from_ml_user_id END) AS buyer,
               max(COALESCE(m.date_created, m.synced_at)) AS last_at,
               count(*) FILTER (WHERE m.from_ml_user_id IS DISTINCT FROM p.seller AND m.read_at IS NULL) AS unread
        FROM p JOIN messages m
          ON m.tenant_id = p.tenant_id AND m.meli_account_id = p.account_id AND m.pack_ml_id = p.thread
    )
    INSERT INTO conversations AS c (id, tenant_id, meli_account_id, thread_ml_id, seller_ml_user_id, buyer_ml_user_id,
                                    last_message_at, unread_count, inbox_rank, seller_max_message_length,
                                    created_at, updated_at)
    SELECT p.id, p.tenant_id, p.account_id, p.thread, p.seller, t.buyer, t.last_at, t.unread, {_RANK},
           {SELLER_MAX_MESSAGE_LENGTH}, p.now, p.now
    FROM p, t
    ON CONFLICT (tenant_id, meli_account_id, thread_ml_id) DO UPDATE SET
        seller_ml_user_id = EXCLUDED.seller_ml_user_id,
        buyer_ml_user_id = COALESCE(EXCLUDED.buyer_ml_user_id, c.buyer_ml_user_id),
        last_message_at = EXCLUDED.last_message_at,
        unread_count = EXCLUDED.unread_count,
        inbox_rank = EXCLUDED.inbox_rank,
        updated_at = EXCLUDED.updated_at
    RETURNING c.id
    """
)


def blocks_seller(status: str | None) -> bool:
    """Whether Mercado Livre's conversation status stops the seller from writing (unknown: it does not)."""
    return (status or "").strip().lower() in BLOCKED


async def refresh_conversation(session: AsyncSession, account: MeliAccount, thread_ml_id: int) -> uuid.UUID:
    """Recount the thread's conversation (creating it with its first message); returns its id."""
    now = utcnow()
    found = await session.exec(  # type: ignore[call-overload]
        REFRESH.bindparams(
            id=uuid.uuid4(),
            tenant_id=account.tenant_id,
            account_id=account.id,
            thread=int(thread_ml_id),
            seller=account.ml_user_id,
            now=now,
        )
    )
    row = found.one()
    return uuid.UUID(str(row[0]))


async def store_thread_state(session: AsyncSession, conversation_id: uuid.UUID, thread: MessageThread) -> None:
    """What a thread's ``GET`` says of the conversation: ML's status and the seller's length limit."""
    status = thread.conversation_status or {}
    values: dict[str, Any] = {
        "status": status.get("status"),
        "substatus": status.get("substatus"),
        "updated_at": utcnow(),
    }
    if thread.seller_max_message_length and thread.seller_max_message_length > 0:
        values["seller_max_message_length"] = thread.seller_max_message_length
    await session.exec(update(Conversation).where(col(Conversation.id) == conversation_id).values(**values))


async def mark_buyer_messages_read(
    session: AsyncSession, conversation: Conversation, seller: int, at: datetime
) -> None:
    """Give the thread's unread buyer messages a read time (Mercado Livre marked the whole thread read).

    The thread's own ``GET`` usually brings the read dates; this covers messages it did not return. A later
    version of a message from Mercado Livre replaces the time with its own.
    """
    await session.exec(
        update(Message)
        .where(
            col(Message.tenant_id) == conversation.tenant_id,
            col(Message.meli_account_id) == conversation.meli_account_id,
            col(Message.pack_ml_id) == conversation.thread_ml_id,
            col(Message.read_at).is_(None),
            col(Message.from_ml_user_id).is_distinct_from(seller),
        )
        .values(read_at=at)
    )


async def mark_sent(session: AsyncSession, message_id: uuid.UUID, *, by: uuid.UUID | None, at: datetime) -> None:
    """Record that this message went out through melihub, by whom (None: an API token) and when."""
    await session.exec(update(Message).where(col(Message.id) == message_id).values(sent_by_user_id=by, sent_at=at))
