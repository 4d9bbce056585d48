"""Reading conversations and their messages (the read side; storing ML's changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Ordering, Page, PageRequest, account_condition, fetch_page, visible, without_raw
from melihub.messages.models import Conversation, Message
from melihub.orders.models import Customer


@dataclass(frozen=True)
class ConversationFilter:
    meli_account_ids: list[uuid.UUID] | None = None  # None: every account the caller sees
    unread: bool | None = None  # True: with unread buyer messages; False: without; None: all


@dataclass(frozen=True)
class Thread:
    """Where a conversation's messages are: its account and the id Mercado Livre threads them by."""

    meli_account_id: uuid.UUID
    thread_ml_id: int

    @classmethod
    def of(cls, conversation: Conversation) -> Thread:
        return cls(conversation.meli_account_id, conversation.thread_ml_id)


def inbox_first() -> Ordering:
    """Conversations with unread buyer messages first, then the latest message first (``inbox_rank``)."""
    return Ordering(col(Conversation.inbox_rank), col(Conversation.id), True, "INBOX")


def oldest_first() -> Ordering:
    """A thread reads top-down: its oldest message first."""
    return Ordering(col(Message.date_created), col(Message.id), False, "DATE_CREATED")


def visible_conversations(
    principal: Principal, requested: Sequence[uuid.UUID] | None = None
) -> SelectOfScalar[Conversation]:
    """The caller's tenant's conversations, on the accounts the caller may (and asked to) see."""
    query = select(Conversation).where(Conversation.tenant_id == principal.tenant_id)
    return query.where(account_condition(col(Conversation.meli_account_id), principal, requested))


async def list_conversations(
    session: AsyncSession, principal: Principal, filters: ConversationFilter, request: PageRequest
) -> Page[Conversation]:
    """Keyset-paged in the inbox's order (unread first, then latest message first)."""
    principal.require(Permission.READ)
    query = visible_conversations(principal, filters.meli_account_ids)
    if filters.unread is True:
        query = query.where(col(Conversation.unread_count) > 0)
    elif filters.unread is False:
        query = query.where(col(Conversation.unread_count) == 0)
    return await fetch_page(session, query, request.ordering or inbox_first(), request)


async def get_conversation(
    session: AsyncSession, principal: Principal, conversation_id: uuid.UUID
) -> Conversation | None:
    principal.require(Permission.READ)
    return (await session.exec(visible_conversations(principal).where(Conversation.id == conversation_id))).first()


async def conversations_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[Conversation]:
    """For ``node``/``nodes``: the conversations with these ids the caller may see."""
    principal.require(Permission.READ)
    return list((await session.exec(visible_conversations(principal).where(col(Conversation.id).in_(list(ids))))).all())


async def conversation_of_message(
    session: AsyncSession, principal: Principal, message_id: uuid.UUID
) -> Conversation | None:
    """The conversation a stored message belongs to (what a ``message`` change is announced as)."""
    principal.require(Permission.READ)
    query = visible_conversations(principal).join(
        Message,
        (col(Message.meli_account_id) == col(Conversation.meli_account_id))
        & (col(Message.pack_ml_id) == col(Conversation.thread_ml_id))
        & (col(Message.tenant_id) == col(Conversation.tenant_id)),
    )
    return (await session.exec(query.where(Message.id == message_id))).first()


def _thread_messages(principal: Principal, thread: Thread) -> SelectOfScalar[Message]:
    return visible(Message, principal).where(
        Message.meli_account_id == thread.meli_account_id, Message.pack_ml_id == thread.thread_ml_id
    )


async def list_thread_messages(
    session: AsyncSession, principal: Principal, thread: Thread, request: PageRequest
) -> Page[Message]:
    """A thread's messages, keyset-paged oldest first (``last``/``before`` page back from the newest)."""
    principal.require(Permission.READ)
    return await fetch_page(session, _thread_messages(principal, thread), request.ordering or oldest_first(), request)


async def latest_messages(
    session: AsyncSession, principal: Principal, conversation_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, Message]]:
    """For DataLoaders: each conversation's newest message, as (conversation id, message)."""
    principal.require(Permission.READ)
    query = (
        select(Conversation.id, Message)
        .options(without_raw(Message))
        .join(
            Message,
            (col(Message.meli_account_id) == col(Conversation.meli_account_id))
            & (col(Message.pack_ml_id) == col(Conversation.thread_ml_id))
            & (col(Message.tenant_id) == col(Conversation.tenant_id)),
        )
        .where(
            Conversation.tenant_id == principal.tenant_id,
            col(Conversation.id).in_(list(conversation_ids)),
            account_condition(col(Conversation.meli_account_id), principal, None),
        )
        .ext(distinct_on(col(Conversation.id)))
        .order_by(col(Conversation.id), col(Message.date_created).desc().nulls_last(), col(Message.id).desc())
    )
    return [(conversation_id, message) for conversation_id, message in (await session.exec(query)).all()]


async def customers_by_ml_user_ids(
    session: AsyncSession, principal: Principal, ml_user_ids: Sequence[int]
) -> list[Customer]:
    """For DataLoaders: the buyers melihub holds with these Mercado Livre user ids (from their orders)."""
    principal.require(Permission.READ)
    query = select(Customer).where(
        Customer.tenant_id == principal.tenant_id, col(Customer.ml_user_id).in_(list(ml_user_ids))
    )
    return list((await session.exec(query)).all())
