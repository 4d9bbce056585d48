"""shipments(filter, first, after) and shipment(id)."""

from __future__ import annotations

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.pagination import DEFAULT_PAGE, Connection, check_page, connection_of, node_by_id, parse_ids
from melihub.shipments import queries
from melihub.shipments.graphql.types import ShipmentFilterInput, ShipmentType


async def resolve_shipments(
    info: Info, filter: ShipmentFilterInput | None = None, first: int = DEFAULT_PAGE, after: str | None = None
) -> Connection[ShipmentType]:
    principal = info.context.require(Permission.READ)
    cursor = check_page(first, after)
    given = filter or ShipmentFilterInput()
    filters = queries.ShipmentFilter(
        statuses=given.status,
        substatuses=given.substatus,
        meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
        updated_since=given.updated_since,
    )
    async with info.context.session() as session:
        page = await queries.list_shipments(session, principal, filters, first=first, after=cursor)
    return connection_of(page, ShipmentType.of)


async def resolve_shipment(info: Info, id: strawberry.ID) -> ShipmentType | None:
    return await node_by_id(info, id, queries.get_shipment, ShipmentType.of)


@strawberry.type
class ShipmentsQuery:
    shipments: Connection[ShipmentType] = strawberry.field(
        resolver=resolve_shipments, description="Shipments of the linked accounts, most recently changed first."
    )
    shipment: ShipmentType | None = strawberry.field(resolver=resolve_shipment)
