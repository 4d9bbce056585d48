"""setHubRecipientEmail(id, email): the address the hub was given for the ready e-mail (null clears it)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import flows, service
from melihub.hub.graphql.types import HubOrderType
from melihub.hub.service import HUB_ORDER_TYPE


@strawberry.type
class SetHubRecipientEmailPayload:
    order: HubOrderType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetHubRecipientEmail(BaseMutation[SetHubRecipientEmailPayload]):
    name = "setHubRecipientEmail"
    payload = SetHubRecipientEmailPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetHubRecipientEmailPayload:
        order_id = call.id_of("id", arguments["id"], HUB_ORDER_TYPE)
        async with call.unit() as work:
            order = await service.set_recipient_email(
                work.session, call.require_principal(), order_id, arguments["email"]
            )
            # Whether an address is set, not the address: it is personal data.
            call.target(HUB_ORDER_TYPE, order.id, after={"email": "set" if order.recipient_email else "cleared"})
            flows.after_commit(call.services, work, [order], deliver=False)
            payload = SetHubRecipientEmailPayload(order=HubOrderType.of(order))
        return payload


async def set_hub_recipient_email(
    info: Info, id: strawberry.ID, email: str | None = None
) -> SetHubRecipientEmailPayload:
    return await SetHubRecipientEmail.run(info, id=id, email=email)
