"""bulkUpdateStock(lines: [{sku | listingId | variationId, availableQuantity}]): up to 500 stocks, as a job."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.catalog import bulk
from melihub.catalog.graphql.bulk import BULK_OPERATION_TYPE, BulkOperationType
from melihub.catalog.graphql.types import LISTING_TYPE, VARIATION_TYPE
from melihub.catalog.models import BulkOperation
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.input(name="StockLine", description="One stock to set: by exactly one of sku, listingId, variationId.")
class StockLineInput:
    available_quantity: int = strawberry.field(description="0 or more.")
    sku: str | None = strawberry.field(
        default=None, description="A variation's SELLER_SKU, or the SKU of a listing without variations."
    )
    listing_id: strawberry.ID | None = strawberry.field(default=None, description="A listing without variations.")
    variation_id: strawberry.ID | None = None


@strawberry.type
class BulkUpdateStockPayload:
    bulk_operation: BulkOperationType | None = strawberry.field(
        default=None, description="The operation: follow it with bulkOperationProgress, read it with bulkOperation."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class BulkUpdateStock(BaseMutation[BulkUpdateStockPayload]):
    name = "bulkUpdateStock"
    payload = BulkUpdateStockPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> BulkUpdateStockPayload:
        given: list[StockLineInput] = arguments["lines"]
        lines = [
            bulk.StockLine(
                line.available_quantity,
                sku=line.sku.strip() if line.sku and line.sku.strip() else None,
                listing_id=call.id_of(f"lines[{i}].listingId", line.listing_id, LISTING_TYPE)
                if line.listing_id is not None
                else None,
                variation_id=call.id_of(f"lines[{i}].variationId", line.variation_id, VARIATION_TYPE)
                if line.variation_id is not None
                else None,
            )
            for i, line in enumerate(given)
        ]

        def note(operation: BulkOperation) -> None:
            after = {"lines": operation.total, "knownAtOnce": operation.done}
            call.target(BULK_OPERATION_TYPE, operation.id, after=after)

        operation = await bulk.start_bulk_stock(
            call.services, call.require_principal(), lines, store_in=call.unit, note=note
        )
        return BulkUpdateStockPayload(bulk_operation=BulkOperationType.of(operation))


async def bulk_update_stock(info: Info, lines: list[StockLineInput]) -> BulkUpdateStockPayload:
    return await BulkUpdateStock.run(info, lines=lines)
