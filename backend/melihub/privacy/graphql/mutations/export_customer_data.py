"""exportCustomerData(customerId): everything melihub holds about a buyer, as JSON (audited, no data in the row)."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.orders.graphql.types import CUSTOMER_TYPE
from melihub.privacy import export


@strawberry.type
class ExportCustomerDataPayload:
    data: JSON | None = strawberry.field(
        default=None,
        description="format, exportedAt, mlUserId and one key per table: customer, orders, orderItems, payments, "
        "shipments, conversations, messages, questions, claims, hubOrders, …, integrationEvents, customerMonths.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class ExportCustomerData(BaseMutation[ExportCustomerDataPayload]):
    name = "exportCustomerData"
    payload = ExportCustomerDataPayload
    permission = Permission.MANAGE_PERSONAL_DATA

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ExportCustomerDataPayload:
        customer_id = call.id_of("customerId", arguments["customer_id"], CUSTOMER_TYPE)
        async with call.unit() as work:
            document = await export.export_customer(work.session, call.require_principal(), customer_id)
            # How much was handed out, never what: the audit log must not become a copy of the data.
            call.target(CUSTOMER_TYPE, customer_id, after={"sections": export.section_counts(document)})
        return ExportCustomerDataPayload(data=cast(JSON, document))


async def export_customer_data(info: Info, customer_id: strawberry.ID) -> ExportCustomerDataPayload:
    return await ExportCustomerData.run(info, customer_id=customer_id)
