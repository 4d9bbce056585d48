"""eraseCustomerData(customerId): anonymise a buyer everywhere, keeping the financial facts (audited)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.orders.graphql.types import CUSTOMER_TYPE
from melihub.privacy import erasure
from melihub.privacy.graphql.types import CustomerErasureType


@strawberry.type
class EraseCustomerDataPayload:
    erasure: CustomerErasureType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class EraseCustomerData(BaseMutation[EraseCustomerDataPayload]):
    name = "eraseCustomerData"
    payload = EraseCustomerDataPayload
    permission = Permission.MANAGE_PERSONAL_DATA

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> EraseCustomerDataPayload:
        customer_id = call.id_of("customerId", arguments["customer_id"], CUSTOMER_TYPE)
        async with call.unit() as work:
            done = await erasure.erase_customer(work.session, call.require_principal(), customer_id)
            call.target(CUSTOMER_TYPE, customer_id, after={"rows": done.rows, "exportsExpired": done.exports_expired})
        return EraseCustomerDataPayload(erasure=CustomerErasureType.of(done))


async def erase_customer_data(info: Info, customer_id: strawberry.ID) -> EraseCustomerDataPayload:
    return await EraseCustomerData.run(info, customer_id=customer_id)
