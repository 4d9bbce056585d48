"""Post-sale messages exchanged with buyers, threaded per pack (or order), and their conversations."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import MeliResource, TenantOwned, bigint, timestamp

SELLER_MAX_MESSAGE_LENGTH = 350  # Mercado Livre's limit per seller message (reference §9), unless a thread says


class Message(MeliResource, table=True):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_messages_tenant_pack", "tenant_id", "pack_ml_id"),
    )

    ml_id: str = Field(sa_type=Text, nullable=False)
    pack_ml_id: int | None = bigint()
    from_ml_user_id: int | None = bigint()
    to_ml_user_id: int | None = bigint()
    text: str = Field(default="", sa_type=Text, nullable=False)
    status: str | None = Field(default=None, sa_type=Text)
    date_created: datetime | None = timestamp()
    read_at: datetime | None = timestamp()
    # Set when the message went out through melihub: who sent it, and when melihub sent it.
    sent_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    sent_at: datetime | None = timestamp()


class Conversation(TenantOwned, table=True):
    """One post-sale thread of one seller account: what the inbox lists, kept up to date on each message.

    ``thread_ml_id`` is the id Mercado Livre threads by: the pack, or the order when the sale has no pack.
    ``inbox_rank`` orders the inbox in one keyset column: threads with unread buyer messages first, then
    by latest message (``melihub.messages.conversations.REFRESH`` computes it).
    """

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "thread_ml_id"),
        Index("ix_conversations_tenant_inbox", "tenant_id", "inbox_rank", "id"),
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, index=True)
    thread_ml_id: int = Field(sa_type=BigInteger, nullable=False)
    seller_ml_user_id: int = Field(sa_type=BigInteger, nullable=False)  # the account's, as its messages name it
    buyer_ml_user_id: int | None = bigint()
    # Mercado Livre's conversation_status, as last read from the thread (None until melihub reads it).
    status: str | None = Field(default=None, sa_type=Text)
    substatus: str | None = Field(default=None, sa_type=Text)
    seller_max_message_length: int = Field(
        default=SELLER_MAX_MESSAGE_LENGTH,
        sa_type=Integer,
        nullable=False,
        sa_column_kwargs={"server_default": str(SELLER_MAX_MESSAGE_LENGTH)},
    )
    last_message_at: datetime | None = timestamp()
    unread_count: int = Field(default=0, sa_type=Integer, nullable=False, sa_column_kwargs={"server_default": "0"})
    inbox_rank: int = Field(default=0, sa_type=BigInteger, nullable=False, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
