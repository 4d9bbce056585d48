"""The messages domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.messages.graphql.mutations.mark_conversation_read import (
    MarkConversationReadPayload,
    mark_conversation_read,
)
from melihub.messages.graphql.mutations.send_message import SendMessagePayload, send_message
from melihub.messages.graphql.resolvers import conversation_changed, resolve_conversation, resolve_conversations
from melihub.messages.graphql.types import ConversationType


@strawberry.type
class MessagesQuery:
    conversations: Connection[ConversationType] = strawberry.field(
        resolver=resolve_conversations,
        description="Post-sale conversations: those with unread buyer messages first, then the latest message first.",
    )
    conversation: ConversationType | None = strawberry.field(resolver=resolve_conversation)


@strawberry.type
class MessagesMutation:
    send_message: SendMessagePayload = strawberry.mutation(
        resolver=send_message,
        description="Write to the buyer in the conversation's Mercado Livre thread (its seller limit, 350 "
        "characters, is checked before Mercado Livre sees the text).",
    )
    mark_conversation_read: MarkConversationReadPayload = strawberry.mutation(
        resolver=mark_conversation_read,
        description="Mark the buyer's messages read, on Mercado Livre too (the seller has read the thread).",
    )


@strawberry.type
class MessagesSubscription:
    conversation_changed: AsyncGenerator[ConversationType, None] = strawberry.subscription(
        resolver=conversation_changed,
        description="A message arrived or was sent, or the conversation was read or changed status.",
    )
