"""shipments(filter, first, after) and shipment(id)."""

from __future__ import annotations

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.pagination import DEFAULT_PAGE, Connection, node_by_id, page_of, parse_ids
from melihub.shipments import queries
from melihub.shipments.graphql.types import ShipmentFilterInput, ShipmentType


async def resolve_shipments(
    info: Info, filter: ShipmentFilterInput | None = None, first: int = DEFAULT_PAGE, after: str | None = None
) -> Connection[ShipmentType]:
    given = filter or ShipmentFilterInput()
    return await page_of(
        info,
        queries.list_shipments,
        lambda: queries.ShipmentFilter(
            statuses=given.status,
            substatuses=given.substatus,
            meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
            updated_since=given.updated_since,
        ),
        ShipmentType.of,
        first=first,
        after=after,
    )


async def resolve_shipment(info: Info, id: strawberry.ID) -> ShipmentType | None:
    return await node_by_id(info, id, queries.get_shipment, ShipmentType.of)


@strawberry.type
class ShipmentsQuery:
    shipments: Connection[ShipmentType] = strawberry.field(
        resolver=resolve_shipments, description="Shipments of the linked accounts, most recently changed first."
    )
    shipment: ShipmentType | None = strawberry.field(resolver=resolve_shipment)
