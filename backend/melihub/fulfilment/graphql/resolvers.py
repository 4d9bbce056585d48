"""pickList(shipmentIds)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.fulfilment import picklist
from melihub.fulfilment.graphql.types import PickListType
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.relay import parse_global_id
from melihub.shipments.graphql.types import SHIPMENT_TYPE


async def resolve_pick_list(
    info: Info,
    shipment_ids: Annotated[
        list[strawberry.ID], strawberry.argument(description="At most 500; each brings every order it ships.")
    ],
) -> PickListType:
    principal = info.context.require(Permission.READ)
    rows = [parse_global_id(value, "shipmentIds", SHIPMENT_TYPE) for value in shipment_ids]
    try:
        async with info.context.session() as session:
            picks = await picklist.pick_list(session, principal, rows)
    except DomainError as exc:
        raise AppError(str(exc), exc.code, field=exc.field) from None
    return PickListType.of(picks)
