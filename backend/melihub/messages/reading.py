"""Marking a conversation read: the seller has seen the buyer's messages (markConversationRead).

Mercado Livre marks a thread read when the seller GETs it without ``mark_as_read=false`` (reference §9),
so melihub reads the whole thread that way through the client, stores what it returns (its messages, now
with read dates, and its ``conversation_status``), gives any buyer message still without one the time of
the read, recounts the conversation and publishes ``conversationChanged``. Background reads (the sync)
keep passing ``mark_as_read=false``: only a person marks a thread read.
"""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.unit import unit_of_work
from melihub.meli import errors as meli_errors
from melihub.meli.models import MessageThread
from melihub.messages import queries
from melihub.messages.conversations import mark_buyer_messages_read, refresh_conversation, store_thread_state
from melihub.messages.models import Conversation
from melihub.messages.sending import OpenUnit, Target, conversation_change, load_target, refusal_of, reloaded
from melihub.messages.service import apply_message
from melihub.realtime.bus import publish
from melihub.runtime import Services

THREAD_PAGE = 50
MAX_PAGES = 20  # 1,000 messages: far beyond a post-sale thread; a bound against a paging that never ends


async def mark_conversation_read(
    services: Services,
    principal: Principal,
    conversation_id: uuid.UUID,
    *,
    store_in: OpenUnit | None = None,
) -> Conversation:
    """Read the thread on Mercado Livre as the seller and store it read; the conversation as stored after."""
    principal.require(Permission.ANSWER)
    target = await load_target(services, principal, conversation_id)
    try:
        pages = await _read_whole_thread(services, target)
    except meli_errors.MeliError as exc:
        raise refusal_of(exc, target.conversation) from None
    at = utcnow()
    opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
    async with opener() as work:
        for page in pages:
            for message in page.messages:
                await apply_message(work.session, target.account, message.raw)
        await store_thread_state(work.session, target.conversation.id, pages[0])
        await mark_buyer_messages_read(work.session, target.conversation, target.account.ml_user_id, at)
        await refresh_conversation(work.session, target.account, target.conversation.thread_ml_id)
        stored = await reloaded(work.session, principal, target.conversation.id)
        work.after_commit(lambda: publish(services.redis, conversation_change(stored)))
    return stored


async def unread_count_of(session: AsyncSession, principal: Principal, conversation_id: uuid.UUID) -> int | None:
    """The conversation's unread buyer messages now (None: not visible), for the audit row's ``before``."""
    conversation = await queries.get_conversation(session, principal, conversation_id)
    return conversation.unread_count if conversation is not None else None


async def _read_whole_thread(services: Services, target: Target) -> list[MessageThread]:
    """Every page of the thread, each read the way that marks it read."""
    client, ref = meli_client(services), account_ref(target.account)
    pages: list[MessageThread] = []
    offset = 0
    for _ in range(MAX_PAGES):
        page = await client.read_thread(ref, target.conversation.thread_ml_id, offset=offset, limit=THREAD_PAGE)
        pages.append(page)
        offset += len(page.messages)
        total = int(page.paging.total or 0) if page.paging else 0
        if not page.messages or offset >= total:
            break
    return pages
