"""resendReadyNotification(orderId): tell the buyer once more that a PRONTO order awaits them (audited)."""

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
class ResendReadyNotificationPayload:
    order: HubOrderType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class ResendReadyNotification(BaseMutation[ResendReadyNotificationPayload]):
    name = "resendReadyNotification"
    payload = ResendReadyNotificationPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ResendReadyNotificationPayload:
        order_id = call.id_of("orderId", arguments["order_id"], HUB_ORDER_TYPE)
        async with call.unit() as work:
            order, notification_id = await service.resend_ready_notification(
                work.session, call.require_principal(), order_id
            )
            call.target(HUB_ORDER_TYPE, order.id, after={"notification": str(notification_id)})
            flows.after_commit(call.services, work, [order], deliver=True)
            payload = ResendReadyNotificationPayload(order=HubOrderType.of(order))
        return payload


async def resend_ready_notification(info: Info, order_id: strawberry.ID) -> ResendReadyNotificationPayload:
    return await ResendReadyNotification.run(info, order_id=order_id)
