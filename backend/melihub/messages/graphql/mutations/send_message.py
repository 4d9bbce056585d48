"""sendMessage(conversationId, text): write to the buyer in the conversation's Mercado Livre thread."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.messages import sending
from melihub.messages.graphql.types import CONVERSATION_TYPE, ConversationMessageType, ConversationType


@strawberry.type
class SendMessagePayload:
    conversation: ConversationType | None = strawberry.field(
        default=None, description="The conversation as stored after the attempt."
    )
    message: ConversationMessageType | None = strawberry.field(
        default=None, description="The message as Mercado Livre took it (null when refused)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class SendMessage(BaseMutation[SendMessagePayload]):
    name = "sendMessage"
    payload = SendMessagePayload
    permission = Permission.ANSWER

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SendMessagePayload:
        conversation_id = call.id_of("conversationId", arguments["conversation_id"], CONVERSATION_TYPE)
        text = str(arguments["text"]).strip()
        call.target(CONVERSATION_TYPE, conversation_id, after={"message": text})
        outcome = await sending.send_message(
            call.services, call.require_principal(), conversation_id, text, store_in=call.unit
        )
        seller = outcome.conversation.seller_ml_user_id
        return SendMessagePayload(
            conversation=ConversationType.of(outcome.conversation),
            message=ConversationMessageType.of(outcome.message, seller) if outcome.message else None,
            errors=user_errors(outcome.refusal) if outcome.refusal else [],
        )


async def send_message(
    info: Info,
    conversation_id: strawberry.ID,
    text: Annotated[
        str,
        strawberry.argument(description="Sent trimmed; at most the conversation's sellerMaxMessageLength (350)."),
    ],
) -> SendMessagePayload:
    return await SendMessage.run(info, conversation_id=conversation_id, text=text)
