"""receiveHubVolume(id, position): the volume is at the hub, on that shelf (the order may become PRONTO)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import flows, service
from melihub.hub.graphql.types import HubOrderType, HubVolumeType
from melihub.hub.service import HUB_VOLUME_TYPE


@strawberry.type
class ReceiveHubVolumePayload:
    volume: HubVolumeType | None = None
    order: HubOrderType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class ReceiveHubVolume(BaseMutation[ReceiveHubVolumePayload]):
    name = "receiveHubVolume"
    payload = ReceiveHubVolumePayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ReceiveHubVolumePayload:
        volume_id = call.id_of("id", arguments["id"], HUB_VOLUME_TYPE)
        async with call.unit() as work:
            volume, order = await service.receive_volume(
                work.session, call.require_principal(), volume_id, arguments["position"]
            )
            call.target(HUB_VOLUME_TYPE, volume.id, after={"status": volume.status, "position": volume.position})
            flows.after_commit(call.services, work, [order], deliver=True)
            payload = ReceiveHubVolumePayload(volume=HubVolumeType.of(volume), order=HubOrderType.of(order))
        return payload


async def receive_hub_volume(info: Info, id: strawberry.ID, position: str) -> ReceiveHubVolumePayload:
    return await ReceiveHubVolume.run(info, id=id, position=position)
