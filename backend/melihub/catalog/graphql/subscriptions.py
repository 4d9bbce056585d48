"""listingChanged: the listing itself, loaded again for each change."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.catalog import queries
from melihub.catalog.graphql.types import ListingType
from melihub.events.graphql.live import changed_objects
from melihub.graphql.context import Info

CHANGE_TYPE = "listing"


async def listing_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ListingType, None]:
    async for listing, context in changed_objects(info, CHANGE_TYPE, meli_account_ids, queries.get_listing):
        yield ListingType.of(listing, context)


@strawberry.type
class CatalogSubscription:
    listing_changed: AsyncGenerator[ListingType, None] = strawberry.subscription(
        resolver=listing_changed, description="A listing changed: price, stock, status, variations…"
    )
