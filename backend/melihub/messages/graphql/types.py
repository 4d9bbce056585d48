"""Conversations (post-sale threads) and their messages as GraphQL types."""

from __future__ import annotations

import inspect
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import strawberry

from melihub.accounts.graphql.types import UserType
from melihub.connections.graphql.types import MeliAccountType
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, then
from melihub.graphql.pagination import Connection, PageArgs, connection_of, page_request
from melihub.graphql.relay import Node, global_id, register_node
from melihub.messages import queries
from melihub.messages.conversations import blocks_seller
from melihub.messages.graphql.loaders import customer_by_ml_user_id, latest_message, member_by_user_id
from melihub.messages.models import Conversation, Message
from melihub.orders.graphql.loaders import order_by_ml_id, orders_by_pack
from melihub.orders.graphql.types import CustomerType, OrderType
from melihub.orders.models import Order
from melihub.sync.graphql.loaders import account_by_id

CONVERSATION_TYPE = "Conversation"
MESSAGE_TYPE = "ConversationMessage"


@strawberry.type(name="ConversationMessage", description="One message of a post-sale conversation.")
class ConversationMessageType:
    id: strawberry.ID = strawberry.field(description="Opaque and stable (not a Node: fetch its conversation).")
    ml_id: str = strawberry.field(description="Mercado Livre message id (hex).")
    text: str
    from_seller: bool = strawberry.field(description="Written by the seller (through melihub or not).")
    date_created: datetime | None
    read_at: datetime | None = strawberry.field(
        description="When the other side read it on Mercado Livre (a buyer's message: when the seller did)."
    )
    status: str | None = strawberry.field(description="Mercado Livre's status, e.g. available, moderated.")
    sent_at: datetime | None = strawberry.field(
        description="When melihub sent it to Mercado Livre (null: not sent through melihub)."
    )
    _sent_by_user_id: strawberry.Private[uuid.UUID | None] = None
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(
        description="Who sent it through melihub; null when written elsewhere, by an API token, or by a person "
        "no longer in the company."
    )
    def sent_by(self, info: Info) -> UserType | None:
        if self._sent_by_user_id is None:
            return None
        member = load_now(member_by_user_id(self._context or info.context), self._sent_by_user_id)
        return then(member, lambda found: UserType.of_member(found) if found else None)

    @classmethod
    def of(cls, message: Message, seller_ml_user_id: int, context: Context | None = None) -> ConversationMessageType:
        return cls(
            id=global_id(MESSAGE_TYPE, message.id),
            ml_id=message.ml_id,
            text=message.text,
            from_seller=message.from_ml_user_id == seller_ml_user_id,
            date_created=message.date_created,
            read_at=message.read_at,
            status=message.status,
            sent_at=message.sent_at,
            _sent_by_user_id=message.sent_by_user_id,
            _context=context,
        )


@dataclass(frozen=True)
class _Sales:
    """The orders a thread belongs to, and its pack (None: an order without pack, or orders not held)."""

    pack_ml_id: int | None
    orders: list[Order]


def _sales(packed: list[Order], alone: Order | None, thread: int) -> _Sales:
    if packed:
        return _Sales(thread, packed)
    if alone is not None:
        return _Sales(alone.pack_id, [alone])
    return _Sales(None, [])


@strawberry.type(
    name="Conversation",
    description="A post-sale conversation with a buyer: the thread of a pack, or of an order without pack.",
)
class ConversationType(Node):
    meli_account_id: strawberry.ID
    thread_ml_id: str = strawberry.field(
        description="The id Mercado Livre threads by: the pack id, or the order id when the sale has no pack."
    )
    buyer_ml_user_id: str | None = strawberry.field(description="Mercado Livre user id of the buyer.")
    last_message_at: datetime | None
    unread_count: int = strawberry.field(description="Buyer messages the seller has not read.")
    status: str | None = strawberry.field(
        description="Mercado Livre's conversation_status.status (active, blocked…), as melihub last read the thread."
    )
    substatus: str | None
    can_send: bool = strawberry.field(description="False when Mercado Livre's conversation status blocks the seller.")
    seller_max_message_length: int = strawberry.field(description="Characters per seller message (350 unless ML says).")
    updated_at: datetime = strawberry.field(description="When melihub last stored a change of this conversation.")
    _row: strawberry.Private[Conversation]
    _context: strawberry.Private[Context | None] = None

    def _loaders_context(self, info: Info) -> Context:
        return self._context or info.context

    def _sales_of(self, info: Info) -> _Sales | Any:
        context, thread = self._loaders_context(info), self._row.thread_ml_id
        packed = load_now(orders_by_pack(context), thread)
        alone = load_now(order_by_ml_id(context), thread)
        if not inspect.isawaitable(packed) and not inspect.isawaitable(alone):
            return _sales(packed, alone, thread)

        async def later() -> _Sales:
            return _sales(
                await packed if inspect.isawaitable(packed) else packed,
                await alone if inspect.isawaitable(alone) else alone,
                thread,
            )

        return later()

    @strawberry.field(description="The pack id; null when the sale has no pack (or melihub holds none of its orders).")
    def pack_ml_id(self, info: Info) -> str | None:
        return then(self._sales_of(info), lambda s: str(s.pack_ml_id) if s.pack_ml_id is not None else None)

    @strawberry.field(description="The orders of the pack (or the one order), as melihub holds them.")
    def orders(self, info: Info) -> list[OrderType]:
        return then(self._sales_of(info), lambda s: [OrderType.of(order, self._context) for order in s.orders])

    @strawberry.field(description="The buyer, when melihub holds them (from their orders).")
    def buyer(self, info: Info) -> CustomerType | None:
        if self._row.buyer_ml_user_id is None:
            return None
        customer = load_now(customer_by_ml_user_id(self._loaders_context(info)), self._row.buyer_ml_user_id)
        return then(customer, lambda found: CustomerType.of(found) if found else None)

    @strawberry.field(description="The linked account the conversation belongs to.")
    def meli_account(self, info: Info) -> MeliAccountType | None:
        account = load_now(account_by_id(self._loaders_context(info)), self._row.meli_account_id)
        return then(account, lambda found: MeliAccountType.of(found) if found else None)

    @strawberry.field(description="The newest message.")
    def last_message(self, info: Info) -> ConversationMessageType | None:
        latest = load_now(latest_message(self._loaders_context(info)), self._row.id)
        seller = self._row.seller_ml_user_id
        return then(latest, lambda pair: ConversationMessageType.of(pair[1], seller, self._context) if pair else None)

    @strawberry.field(
        description="The thread, oldest first (it reads top-down); `last: n` gives the newest n, still oldest first."
    )
    async def messages(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ConversationMessageType]:
        context = self._loaders_context(info)
        ordering = queries.oldest_first()
        request = page_request(PageArgs(first, after, last, before), ordering)
        async with context.session() as session:
            page = await queries.list_thread_messages(session, context.require(), queries.Thread.of(self._row), request)
        seller = self._row.seller_ml_user_id
        return connection_of(info, page, ordering, lambda m: ConversationMessageType.of(m, seller, self._context))

    @classmethod
    def of(cls, conversation: Conversation, context: Context | None = None) -> ConversationType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=global_id(CONVERSATION_TYPE, conversation.id),
            meli_account_id=global_id(ACCOUNT_TYPE, conversation.meli_account_id),
            thread_ml_id=str(conversation.thread_ml_id),
            buyer_ml_user_id=str(conversation.buyer_ml_user_id) if conversation.buyer_ml_user_id else None,
            last_message_at=conversation.last_message_at,
            unread_count=conversation.unread_count,
            status=conversation.status,
            substatus=conversation.substatus,
            can_send=not blocks_seller(conversation.status),
            seller_max_message_length=conversation.seller_max_message_length,
            updated_at=conversation.updated_at,
            _row=conversation,
            _context=context,
        )


@strawberry.input(name="ConversationFilter")
class ConversationFilterInput:
    meli_account_id: strawberry.ID | None = strawberry.field(default=None, description="Only this account's.")
    meli_account_ids: list[strawberry.ID] | None = None
    unread: bool | None = strawberry.field(
        default=None, description="True: only with unread buyer messages; false: only without."
    )


register_node(CONVERSATION_TYPE, queries.conversations_by_ids, ConversationType.of)
