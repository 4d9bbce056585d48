"""updateListing(id, input: {price, availableQuantity, status, title}, expectedUpdatedAt): edit a listing on ML."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.catalog import writes
from melihub.catalog.editing import ListingEdit
from melihub.catalog.graphql.types import LISTING_TYPE, ListingType
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall

EXPECTED = strawberry.argument(
    description="The listing's updatedAt as you saw it: if it changed since (on Mercado Livre or by a colleague), "
    "nothing is sent and the payload answers CONFLICT with the current values. Omitted: the last write wins."
)


@strawberry.input(name="UpdateListingInput", description="Only the fields given change.")
class UpdateListingInput:
    price: Decimal | None = strawberry.field(
        default=None, description="Positive, at most 2 decimals; on a listing with variations, every variation's."
    )
    available_quantity: int | None = strawberry.field(
        default=None, description="0 or more; not on a listing with variations (change theirs: updateVariations)."
    )
    status: str | None = strawberry.field(
        default=None, description="active, paused or closed (a closed listing cannot be reopened)."
    )
    title: str | None = strawberry.field(
        default=None,
        description="1 to 60 characters; Mercado Livre refuses a new title once the listing has sales.",
    )


@strawberry.type
class UpdateListingPayload:
    listing: ListingType | None = strawberry.field(
        default=None, description="The listing as stored after the attempt (with CONFLICT: the current values)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


def payload_of(outcome: writes.EditOutcome) -> UpdateListingPayload:
    listing = ListingType.of(outcome.listing) if outcome.listing is not None else None
    errors = [UserError(field=e.field, message=str(e), code=e.code) for e in outcome.errors]
    return UpdateListingPayload(listing=listing, errors=errors)


class UpdateListing(BaseMutation[UpdateListingPayload]):
    name = "updateListing"
    payload = UpdateListingPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UpdateListingPayload:
        listing_id = call.id_of("id", arguments["id"], LISTING_TYPE)
        given: UpdateListingInput = arguments["input"]
        edit = ListingEdit(given.price, given.available_quantity, given.status, given.title)
        call.target(LISTING_TYPE, listing_id)
        outcome = await writes.update_listing(
            call.services,
            call.require_principal(),
            listing_id,
            edit,
            arguments["expected_updated_at"],
            store_in=call.unit,
            note=lambda before, after: call.target(LISTING_TYPE, listing_id, before=before, after=after),
        )
        return payload_of(outcome)


async def update_listing(
    info: Info,
    id: strawberry.ID,
    input: UpdateListingInput,
    expected_updated_at: Annotated[datetime | None, EXPECTED] = None,
) -> UpdateListingPayload:
    return await UpdateListing.run(info, id=id, input=input, expected_updated_at=expected_updated_at)
