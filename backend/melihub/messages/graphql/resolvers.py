"""conversations(filter, first/after, last/before), conversation(id) and conversationChanged."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import Principal
from melihub.graphql.accounts import account_filter_ids
from melihub.graphql.context import Info
from melihub.graphql.live import changes
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, page_of
from melihub.messages import queries
from melihub.messages.graphql.loaders import prime_conversation_page
from melihub.messages.graphql.types import CONVERSATION_TYPE, ConversationFilterInput, ConversationType
from melihub.messages.models import Conversation
from melihub.messages.sending import CHANGE_TYPE
from melihub.messages.service import ENTITY as MESSAGE_CHANGE

# A stored message announces itself as a ``message`` change (the webhook's and the sync's publication); the
# conversation it belongs to changed with it. melihub's own sends and reads announce the conversation.
LISTENS_TO = {CHANGE_TYPE, MESSAGE_CHANGE}


async def resolve_conversations(
    info: Info,
    filter: ConversationFilterInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[ConversationType]:
    given = filter or ConversationFilterInput()

    async def filters() -> queries.ConversationFilter:
        return queries.ConversationFilter(
            meli_account_ids=await account_filter_ids(info, given.meli_account_id, given.meli_account_ids),
            unread=given.unread,
        )

    return await page_of(
        info,
        queries.list_conversations,
        filters,
        ConversationType.of,
        PageArgs(first, after, last, before),
        queries.inbox_first(),
        prime=prime_conversation_page,
    )


async def resolve_conversation(info: Info, id: strawberry.ID) -> ConversationType | None:
    return await node_by_id(info, id, CONVERSATION_TYPE, queries.get_conversation, ConversationType.of)


async def _changed(session: AsyncSession, principal: Principal, kind: str, row_id: uuid.UUID) -> Conversation | None:
    if kind == MESSAGE_CHANGE:
        return await queries.conversation_of_message(session, principal, row_id)
    return await queries.get_conversation(session, principal, row_id)


async def conversation_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ConversationType, None]:
    async for change, context in changes(info, LISTENS_TO, meli_account_ids):
        try:
            row_id = uuid.UUID(change.id)
        except ValueError:
            continue
        async with context.session() as session:
            found = await _changed(session, context.require(), change.type, row_id)
        if found is not None:
            yield ConversationType.of(found, context)
