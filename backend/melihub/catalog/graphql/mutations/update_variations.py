"""updateVariations(listingId, variations: [{id, price, availableQuantity}], expectedUpdatedAt)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.catalog import writes
from melihub.catalog.graphql.mutations.update_listing import EXPECTED, UpdateListingPayload, payload_of
from melihub.catalog.graphql.types import LISTING_TYPE, VARIATION_TYPE
from melihub.graphql.context import Info
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.input(name="VariationChange", description="One variation to change; only the fields given change.")
class VariationChangeInput:
    id: strawberry.ID = strawberry.field(description="The Variation (its global id).")
    price: Decimal | None = strawberry.field(
        default=None, description="Mercado Livre keeps one price for all variations: give each the same one."
    )
    available_quantity: int | None = strawberry.field(default=None, description="0 or more.")


class UpdateVariations(BaseMutation[UpdateListingPayload]):
    name = "updateVariations"
    payload = UpdateListingPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UpdateListingPayload:
        listing_id = call.id_of("listingId", arguments["listing_id"], LISTING_TYPE)
        given: list[VariationChangeInput] = arguments["variations"]
        changes = [
            writes.VariationInput(
                call.id_of(f"variations[{index}].id", entry.id, VARIATION_TYPE), entry.price, entry.available_quantity
            )
            for index, entry in enumerate(given)
        ]
        call.target(LISTING_TYPE, listing_id)
        outcome = await writes.update_variations(
            call.services,
            call.require_principal(),
            listing_id,
            changes,
            arguments["expected_updated_at"],
            store_in=call.unit,
            note=lambda before, after: call.target(LISTING_TYPE, listing_id, before=before, after=after),
        )
        return payload_of(outcome)


async def update_variations(
    info: Info,
    listing_id: strawberry.ID,
    variations: list[VariationChangeInput],
    expected_updated_at: Annotated[datetime | None, EXPECTED] = None,
) -> UpdateListingPayload:
    return await UpdateVariations.run(
        info, listing_id=listing_id, variations=variations, expected_updated_at=expected_updated_at
    )
