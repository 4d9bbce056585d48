"""markPacked(ids): the bench packed these orders, picking them too when they were not yet (a pack moves whole)."""

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
class MarkPackedPayload:
    orders: list[OrderType] = strawberry.field(
        default_factory=list, description="Every order that moved to PACKED (all the orders of each pack named)."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="One per id that did not move; `field` is that id. The others moved."
    )


class MarkPacked(BaseMutation[MarkPackedPayload]):
    name = "markPacked"
    payload = MarkPackedPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> MarkPackedPayload:
        orders, errors = await run_mark(call, arguments["ids"], Step.PACK)
        return MarkPackedPayload(orders=orders, errors=errors)


async def mark_packed(
    info: Info, ids: Annotated[list[strawberry.ID], strawberry.argument(description=IDS_DESCRIPTION)]
) -> MarkPackedPayload:
    return await MarkPacked.run(info, ids=ids)
