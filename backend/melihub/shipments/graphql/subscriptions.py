"""shipmentChanged: the shipment itself, loaded again for each change."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.live import changed_objects
from melihub.graphql.context import Info
from melihub.shipments import queries
from melihub.shipments.graphql.types import ShipmentType

CHANGE_TYPE = "shipment"


async def shipment_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ShipmentType, None]:
    async for shipment, context in changed_objects(info, CHANGE_TYPE, meli_account_ids, queries.get_shipment):
        yield ShipmentType.of(shipment, context)


@strawberry.type
class ShipmentsSubscription:
    shipment_changed: AsyncGenerator[ShipmentType, None] = strawberry.subscription(
        resolver=shipment_changed, description="A shipment changed: status, substatus, tracking…"
    )
