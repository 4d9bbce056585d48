"""replayWebhookDelivery(id): send a delivery's very body again, as a new delivery (logged on its own)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.integrator_webhooks import delivery, service
from melihub.integrator_webhooks.graphql.types import WebhookDeliveryType


@strawberry.type
class ReplayWebhookDeliveryPayload:
    delivery: WebhookDeliveryType | None = strawberry.field(default=None, description="The new delivery.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class ReplayWebhookDelivery(BaseMutation[ReplayWebhookDeliveryPayload]):
    name = "replayWebhookDelivery"
    payload = ReplayWebhookDeliveryPayload
    permission = Permission.MANAGE_WEBHOOKS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ReplayWebhookDeliveryPayload:
        delivery_id = call.id_of("id", arguments["id"], service.DELIVERY_TYPE)
        services = call.services
        async with call.unit() as work:
            replay = await service.replay_delivery(work.session, call.require_principal(), delivery_id)
            call.target(service.DELIVERY_TYPE, replay.id, after={"replayOf": str(delivery_id)})
            node = WebhookDeliveryType.of(replay)
            tenant_id, replay_id = replay.tenant_id, replay.id

            async def wake() -> None:
                await delivery.enqueue(services, tenant_id, replay_id, 0)

            work.after_commit(wake)
        return ReplayWebhookDeliveryPayload(delivery=node)


async def replay_webhook_delivery(info: Info, id: strawberry.ID) -> ReplayWebhookDeliveryPayload:
    return await ReplayWebhookDelivery.run(info, id=id)
