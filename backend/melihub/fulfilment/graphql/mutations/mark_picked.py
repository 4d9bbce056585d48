"""markPicked(ids): the bench took these orders' items off the shelf (a pack moves whole)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.fulfilment.graphql.marking import IDS_DESCRIPTION, run_mark
from melihub.fulfilment.marks import Step
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.orders.graphql.types import OrderType


@strawberry.type
class MarkPickedPayload:
    orders: list[OrderType] = strawberry.field(
        default_factory=list, description="Every order that moved to PICKED (all the orders of each pack named)."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="One per id that did not move; `field` is that id. The others moved."
    )


class MarkPicked(BaseMutation[MarkPickedPayload]):
    name = "markPicked"
    payload = MarkPickedPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> MarkPickedPayload:
        orders, errors = await run_mark(call, arguments["ids"], Step.PICK)
        return MarkPickedPayload(orders=orders, errors=errors)


async def mark_picked(
    info: Info, ids: Annotated[list[strawberry.ID], strawberry.argument(description=IDS_DESCRIPTION)]
) -> MarkPickedPayload:
    return await MarkPicked.run(info, ids=ids)
