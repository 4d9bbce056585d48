"""Named DataLoaders of conversations, and what a page of conversations primes."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable

from strawberry.dataloader import DataLoader

from melihub.accounts import queries as account_queries
from melihub.accounts.service import MemberView
from melihub.graphql.context import Context
from melihub.graphql.loaders import one_per_key
from melihub.graphql.prefetch import Wanted
from melihub.messages import queries
from melihub.messages.models import Conversation, Message
from melihub.orders.graphql.loaders import order_by_ml_id, orders_by_pack
from melihub.orders.models import Customer
from melihub.sync.graphql.loaders import account_by_id

LATEST_MESSAGE = "messages.latest_by_conversation"
CUSTOMER_BY_ML_USER_ID = "messages.customer_by_ml_user_id"
MEMBER_BY_USER_ID = "messages.member_by_user_id"


def latest_message(context: Context) -> DataLoader[uuid.UUID, tuple[uuid.UUID, Message] | None]:
    """Conversation id → (its id, its newest message), None for a conversation without messages."""
    return one_per_key(context, LATEST_MESSAGE, queries.latest_messages, lambda pair: pair[0])


def customer_by_ml_user_id(context: Context) -> DataLoader[int, Customer | None]:
    """Mercado Livre user id → the buyer as melihub holds them (from their orders), None when not held."""
    return one_per_key(context, CUSTOMER_BY_ML_USER_ID, queries.customers_by_ml_user_ids, lambda c: c.ml_user_id)


def member_by_user_id(context: Context) -> DataLoader[uuid.UUID, MemberView | None]:
    """User id → the member of the caller's tenant, None when no longer a member."""
    return one_per_key(context, MEMBER_BY_USER_ID, account_queries.members_by_ids, lambda m: m.user.id)


async def prime_conversation_page(context: Context, conversations: list[Conversation], wanted: Wanted) -> None:
    """Load what the page's selected nested fields need, each relation once."""
    first_wave: list[Awaitable[object]] = []
    if wanted("lastMessage"):
        first_wave.append(latest_message(context).load_many([c.id for c in conversations]))
    if wanted("buyer"):
        buyers = list(dict.fromkeys(c.buyer_ml_user_id for c in conversations if c.buyer_ml_user_id is not None))
        first_wave.append(customer_by_ml_user_id(context).load_many(buyers))
    if wanted("meliAccount"):
        accounts = list(dict.fromkeys(c.meli_account_id for c in conversations))
        first_wave.append(account_by_id(context).load_many(accounts))
    threads = list(dict.fromkeys(c.thread_ml_id for c in conversations))
    sales = wanted("orders") or wanted("packMlId")
    if sales:
        first_wave.append(orders_by_pack(context).load_many(threads))
        first_wave.append(order_by_ml_id(context).load_many(threads))
    await asyncio.gather(*first_wave)
