"""The shipments domain's Query and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.shipments.graphql.resolvers import resolve_shipment, resolve_shipments, shipment_changed
from melihub.shipments.graphql.types import ShipmentType


@strawberry.type
class ShipmentsQuery:
    shipments: Connection[ShipmentType] = strawberry.field(
        resolver=resolve_shipments,
        description="Shipments of the linked accounts (default: most recently changed first).",
    )
    shipment: ShipmentType | None = strawberry.field(resolver=resolve_shipment)


@strawberry.type
class ShipmentsSubscription:
    shipment_changed: AsyncGenerator[ShipmentType, None] = strawberry.subscription(
        resolver=shipment_changed, description="A shipment changed: status, substatus, tracking…"
    )
