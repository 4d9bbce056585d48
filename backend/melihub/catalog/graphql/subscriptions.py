"""listingChanged: the listing itself, loaded again for each change."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.catalog import queries
from melihub.catalog.graphql.types import ListingType
from melihub.events.graphql.live import changes
from melihub.graphql.context import Info

CHANGE_TYPE = "listing"


async def listing_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ListingType, None]:
    async for change, context in changes(info, {CHANGE_TYPE}, meli_account_ids):
        try:
            listing_id = uuid.UUID(change.id)
        except ValueError:
            continue
        async with context.session() as session:
            listing = await queries.get_listing(session, context.require(), listing_id)
        if listing is not None:
            yield ListingType.of(listing, context)


@strawberry.type
class CatalogSubscription:
    listing_changed: AsyncGenerator[ListingType, None] = strawberry.subscription(
        resolver=listing_changed, description="A listing changed: price, stock, status, variations…"
    )
