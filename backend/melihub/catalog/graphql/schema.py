"""The catalog domain's Query and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.catalog.graphql.resolvers import listing_changed, resolve_listing, resolve_listings
from melihub.catalog.graphql.types import ListingType
from melihub.graphql.pagination import Connection


@strawberry.type
class CatalogQuery:
    listings: Connection[ListingType] = strawberry.field(
        resolver=resolve_listings,
        description="Listings of the linked accounts (default: most recently changed first).",
    )
    listing: ListingType | None = strawberry.field(resolver=resolve_listing)


@strawberry.type
class CatalogSubscription:
    listing_changed: AsyncGenerator[ListingType, None] = strawberry.subscription(
        resolver=listing_changed, description="A listing changed: price, stock, status, variations…"
    )
