"""confirmPickup(id, receiverDocument): the desk hands a PRONTO order over (RETIRADO)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import flows, service
from melihub.hub.graphql.types import HubOrderType
from melihub.hub.models import HubStatus
from melihub.hub.service import HUB_ORDER_TYPE


@strawberry.type
class ConfirmPickupPayload:
    order: HubOrderType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class ConfirmPickup(BaseMutation[ConfirmPickupPayload]):
    name = "confirmPickup"
    payload = ConfirmPickupPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ConfirmPickupPayload:
        order_id = call.id_of("id", arguments["id"], HUB_ORDER_TYPE)
        async with call.unit() as work:
            order = await service.confirm_pickup(
                work.session, call.require_principal(), order_id, arguments["receiver_document"]
            )
            # The document itself stays out of the audit trail.
            call.target(
                HUB_ORDER_TYPE, order.id, before={"status": HubStatus.PRONTO.value}, after={"status": order.status}
            )
            flows.after_commit(call.services, work, [order], deliver=False)
            payload = ConfirmPickupPayload(order=HubOrderType.of(order))
        return payload


async def confirm_pickup(info: Info, id: strawberry.ID, receiver_document: str) -> ConfirmPickupPayload:
    return await ConfirmPickup.run(info, id=id, receiver_document=receiver_document)
