"""Writing to a buyer through Mercado Livre: one seller message in a conversation's thread.

The flow, for the API, the CLI and workers alike (:func:`send_message`):

1. the conversation must be visible to the caller (``NOT_FOUND``), the text within the thread's seller
   limit (``EMPTY_TEXT``, ``TEXT_TOO_LONG``: 350 unless the thread says otherwise), the conversation not
   blocked as melihub last read it (``MESSAGING_BLOCKED``) and its account connected (``ACCOUNT_INACTIVE``)
   — all before Mercado Livre sees anything;
2. ``POST /messages/packs/{thread}/sellers/{seller}``; Mercado Livre answers with the message, which is
   stored at once with who sent it and when (the ``messages`` notification that follows applies the
   same message idempotently), and ``conversationChanged`` is published;
3. a refusal (4xx) makes melihub read the thread's ``conversation_status`` again (without marking it
   read): blocked → ``MESSAGING_BLOCKED``, otherwise ``REFUSED`` with Mercado Livre's message; 5xx and
   timeouts are ``MELI_UNAVAILABLE`` (the POST is not retried: a lost answer may still have delivered
   the message, and its notification then brings it in).

Unlike an answer, a message is not claimed: a conversation takes any number of messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub import texts
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.kpis import upkeep as kpi_upkeep
from melihub.meli import errors as meli_errors
from melihub.meli.models import Message as MeliMessage
from melihub.messages import queries
from melihub.messages.conversations import blocks_seller, mark_sent, store_thread_state
from melihub.messages.models import Conversation, Message
from melihub.messages.service import apply_message, pack_of
from melihub.orders.models import Order
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services

CHANGE_TYPE = "conversation"
FIELD = "conversationId"

OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]


@dataclass(frozen=True)
class SendOutcome:
    """The conversation as stored after the attempt, the message sent (None: refused), and why not."""

    conversation: Conversation
    message: Message | None = None
    refusal: DomainError | None = None


@dataclass(frozen=True)
class Target:
    """A conversation the caller may write to, its connected account, and the buyer it writes to."""

    conversation: Conversation
    account: MeliAccount
    buyer_ml_user_id: int | None
    text: str = ""  # what will be sent: trimmed, within the thread's limit


async def send_message(
    services: Services,
    principal: Principal,
    conversation_id: uuid.UUID,
    text: str,
    *,
    store_in: OpenUnit | None = None,
) -> SendOutcome:
    """Send ``text`` (trimmed) to the conversation's buyer; ``store_in`` opens the transaction that stores
    it (a mutation's, so its audit row commits with the message), by default a new one."""
    principal.require(Permission.ANSWER)
    target = await load_target(services, principal, conversation_id, text=text)
    if target.buyer_ml_user_id is None:
        raise DomainError("melihub does not know this conversation's buyer yet", field=FIELD, code="REFUSED")
    thread = target.conversation.thread_ml_id
    try:
        sent = await meli_client(services).send_pack_message(
            account_ref(target.account), thread, target.buyer_ml_user_id, target.text
        )
    except meli_errors.MeliError as exc:
        return await _after_refusal(services, principal, target, exc)
    opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
    return await _store_sent(services, principal, target, sent, opener)


async def load_target(
    services: Services, principal: Principal, conversation_id: uuid.UUID, *, text: str | None = None
) -> Target:
    """The conversation and its account, or why melihub will not write to it (checked in this order:
    ``NOT_FOUND``, the text's emptiness and length when given, ``MESSAGING_BLOCKED``, ``ACCOUNT_INACTIVE``)."""
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        conversation = await queries.get_conversation(session, principal, conversation_id)
        if conversation is None:
            raise DomainError("no conversation with this id is visible to you", field=FIELD, code="NOT_FOUND")
        limit = conversation.seller_max_message_length
        checked = "" if text is None else texts.checked_text(text, limit, noun="message")
        if text is not None and blocks_seller(conversation.status):
            raise blocked(conversation)
        account = await session.get(MeliAccount, conversation.meli_account_id)
        if account is None or account.status != AccountStatus.ACTIVE.value:
            raise DomainError(
                "the conversation's Mercado Livre account is not connected (link it again)",
                field=FIELD,
                code="ACCOUNT_INACTIVE",
            )
        buyer = conversation.buyer_ml_user_id or await _buyer_of_orders(session, conversation)
    return Target(conversation, account, buyer, checked)


def blocked(conversation: Conversation, said: str | None = None) -> DomainError:
    why = f" ({conversation.substatus})" if conversation.substatus else ""
    prefix = f"{said} — " if said else ""
    return DomainError(
        f"{prefix}Mercado Livre has blocked messages in this conversation{why}",
        field=FIELD,
        code="MESSAGING_BLOCKED",
    )


async def _buyer_of_orders(session: AsyncSession, conversation: Conversation) -> int | None:
    """The buyer of the thread's orders, for a conversation whose messages name none."""
    thread = conversation.thread_ml_id
    query = select(Order.buyer_ml_id).where(
        Order.meli_account_id == conversation.meli_account_id,
        or_(col(Order.pack_id) == thread, col(Order.ml_id) == thread),
        col(Order.buyer_ml_id).is_not(None),
    )
    return (await session.exec(query)).first()


# ---- the outcome --------------------------------------------------------------------------------


def in_thread(raw: dict[str, Any], thread_ml_id: int) -> dict[str, Any]:
    """The POST's answer as a message of the thread it was sent to.

    The answer's exact form is unsure (reference §9 gives none): one that does not name its thread's pack
    is stored in the thread it was posted to rather than outside every conversation.
    """
    if pack_of(raw) is not None:
        return raw
    resources = [*(raw.get("message_resources") or []), {"id": str(thread_ml_id), "name": "packs"}]
    return {**raw, "message_resources": resources}


async def _store_sent(
    services: Services, principal: Principal, target: Target, sent: MeliMessage, opener: OpenUnit
) -> SendOutcome:
    at = utcnow()
    async with opener() as work:
        raw = in_thread(sent.raw, target.conversation.thread_ml_id)
        result = await apply_message(work.session, target.account, raw)
        await kpi_upkeep.after_apply(work.session, target.account, [result])
        message = None
        if result.entity_id is not None:
            await mark_sent(work.session, result.entity_id, by=principal.user_id, at=at)
        stored = await reloaded(work.session, principal, target.conversation.id)
        if result.entity_id is not None:
            message = await work.session.get(Message, result.entity_id)
        work.after_commit(lambda: publish(services.redis, conversation_change(stored)))
    return SendOutcome(stored, message)


async def _after_refusal(
    services: Services, principal: Principal, target: Target, exc: meli_errors.MeliError
) -> SendOutcome:
    """The POST failed: on a refusal, learn the conversation's status from Mercado Livre, store it, say why."""
    thread = None
    if _refused(exc):
        try:
            thread = await meli_client(services).get_pack_messages(
                account_ref(target.account), target.conversation.thread_ml_id, limit=1
            )
        except meli_errors.MeliError:
            thread = None
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        if thread is not None:
            await store_thread_state(session, target.conversation.id, thread)
        stored = await reloaded(session, principal, target.conversation.id)
    if thread is not None:
        await publish(services.redis, conversation_change(stored))
    return SendOutcome(stored, refusal=refusal_of(exc, stored))


def _refused(exc: meli_errors.MeliError) -> bool:
    """Mercado Livre said no (a 4xx), as opposed to not answering (5xx, timeouts, throttling, breaker)."""
    throttled = isinstance(exc, meli_errors.RateLimited | meli_errors.CircuitOpen)
    return exc.status is not None and 400 <= exc.status < 500 and not throttled


def refusal_of(exc: meli_errors.MeliError, conversation: Conversation) -> DomainError:
    """Mercado Livre's refusal as a UserError code, judged by the conversation's status it now reports.

    The refusal's body for a blocked conversation is unsure (the reference gives none), so the status read
    again decides; a body that names the block also counts.
    """
    said = exc.message or str(exc)
    if isinstance(exc, meli_errors.ReauthRequired):
        message = f"the conversation's Mercado Livre account needs to be linked again ({said})"
        return DomainError(message, field=FIELD, code="ACCOUNT_INACTIVE")
    if not _refused(exc):
        message = f"Mercado Livre did not take the message ({said}); nothing was sent, try again"
        return DomainError(message, field=FIELD, code="MELI_UNAVAILABLE")
    if blocks_seller(conversation.status) or "block" in f"{exc.error or ''} {said}".lower():
        return blocked(conversation, said)
    return DomainError(said, field=FIELD, code="REFUSED")


async def reloaded(session: AsyncSession, principal: Principal, conversation_id: uuid.UUID) -> Conversation:
    session.expire_all()
    stored = await queries.get_conversation(session, principal, conversation_id)
    assert stored is not None, "the conversation was visible a moment ago"
    return stored


def conversation_change(conversation: Conversation) -> Change:
    tenant, account = str(conversation.tenant_id), str(conversation.meli_account_id)
    return Change(tenant, CHANGE_TYPE, str(conversation.id), conversation.updated_at.isoformat(), account)
