"""markConversationRead(conversationId): the seller has read the buyer's messages (on Mercado Livre too)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.messages import reading
from melihub.messages.graphql.types import CONVERSATION_TYPE, ConversationType


@strawberry.type
class MarkConversationReadPayload:
    conversation: ConversationType | None = strawberry.field(
        default=None, description="The conversation as stored after the read (unreadCount 0)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class MarkConversationRead(BaseMutation[MarkConversationReadPayload]):
    name = "markConversationRead"
    payload = MarkConversationReadPayload
    permission = Permission.ANSWER

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> MarkConversationReadPayload:
        conversation_id = call.id_of("conversationId", arguments["conversation_id"], CONVERSATION_TYPE)
        principal = call.require_principal()
        async with call.services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
            before = await reading.unread_count_of(session, principal, conversation_id)
        call.target(CONVERSATION_TYPE, conversation_id, before={"unreadCount": before}, after={"unreadCount": 0})
        stored = await reading.mark_conversation_read(call.services, principal, conversation_id, store_in=call.unit)
        return MarkConversationReadPayload(conversation=ConversationType.of(stored))


async def mark_conversation_read(info: Info, conversation_id: strawberry.ID) -> MarkConversationReadPayload:
    return await MarkConversationRead.run(info, conversation_id=conversation_id)
