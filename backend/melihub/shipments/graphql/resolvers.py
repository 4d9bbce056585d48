"""shipments(filter, sort, first/after, last/before), shipment(id) and shipmentChanged."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.graphql.live import by_account_scope, changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, ordering_of, page_of
from melihub.shipments import queries
from melihub.shipments.graphql.loaders import prime_shipment_page
from melihub.shipments.graphql.types import SHIPMENT_TYPE, ShipmentFilterInput, ShipmentSortInput, ShipmentType

CHANGE_TYPE = "shipment"


async def resolve_shipments(
    info: Info,
    filter: ShipmentFilterInput | None = None,
    sort: ShipmentSortInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[ShipmentType]:
    given = filter or ShipmentFilterInput()

    async def filters() -> queries.ShipmentFilter:
        return queries.ShipmentFilter(
            statuses=given.status,
            substatuses=given.substatus,
            meli_account_ids=await visible_account_ids(info, given.meli_account_ids),
            updated_since=given.updated_since,
            exceptions=given.exception,
        )

    ordering = ordering_of(sort, queries.SHIPMENT_SORTS)
    return await page_of(
        info,
        queries.list_shipments,
        filters,
        ShipmentType.of,
        PageArgs(first, after, last, before),
        ordering,
        prime=prime_shipment_page,
    )


async def resolve_shipment(info: Info, id: strawberry.ID) -> ShipmentType | None:
    return await node_by_id(info, id, SHIPMENT_TYPE, queries.get_shipment, ShipmentType.of)


async def shipment_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ShipmentType, None]:
    async for shipment, context in changed_objects(
        info, CHANGE_TYPE, meli_account_ids, queries.get_shipment, shared_by=by_account_scope
    ):
        yield ShipmentType.of(shipment, context)
