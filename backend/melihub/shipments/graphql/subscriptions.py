"""shipmentChanged: the shipment itself, loaded again for each change."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.live import changes
from melihub.graphql.context import Info
from melihub.shipments import queries
from melihub.shipments.graphql.types import ShipmentType

CHANGE_TYPE = "shipment"


async def shipment_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ShipmentType, None]:
    async for change, context in changes(info, {CHANGE_TYPE}, meli_account_ids):
        try:
            shipment_id = uuid.UUID(change.id)
        except ValueError:
            continue
        async with context.session() as session:
            shipment = await queries.get_shipment(session, context.require(), shipment_id)
        if shipment is not None:
            yield ShipmentType.of(shipment, context)


@strawberry.type
class ShipmentsSubscription:
    shipment_changed: AsyncGenerator[ShipmentType, None] = strawberry.subscription(
        resolver=shipment_changed, description="A shipment changed: status, substatus, tracking…"
    )
