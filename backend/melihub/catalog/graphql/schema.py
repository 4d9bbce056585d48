"""The catalog domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.catalog.graphql.bulk import BulkOperationType, bulk_operation_progress, resolve_bulk_operation
from melihub.catalog.graphql.mutations.bulk_update_stock import BulkUpdateStockPayload, bulk_update_stock
from melihub.catalog.graphql.mutations.update_listing import UpdateListingPayload, update_listing
from melihub.catalog.graphql.mutations.update_variations import update_variations
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
    bulk_operation: BulkOperationType | None = strawberry.field(
        resolver=resolve_bulk_operation, description="A bulk operation and the result of each of its lines."
    )


@strawberry.type
class CatalogMutation:
    update_listing: UpdateListingPayload = strawberry.mutation(
        resolver=update_listing,
        description="Change a listing's price, stock or status on Mercado Livre (read again first; CONFLICT when it "
        "changed since expectedUpdatedAt).",
    )
    update_variations: UpdateListingPayload = strawberry.mutation(
        resolver=update_variations,
        description="Change some variations' price or stock in one write that names every variation.",
    )
    bulk_update_stock: BulkUpdateStockPayload = strawberry.mutation(
        resolver=bulk_update_stock,
        description="Set up to 500 stocks (by SKU, listing or variation) as a job; a result per line.",
    )


@strawberry.type
class CatalogSubscription:
    listing_changed: AsyncGenerator[ListingType, None] = strawberry.subscription(
        resolver=listing_changed, description="A listing changed: price, stock, status, variations…"
    )
    bulk_operation_progress: AsyncGenerator[BulkOperationType, None] = strawberry.subscription(
        resolver=bulk_operation_progress,
        description="Each progress write of a bulk operation (after each batch of listings) and its end.",
    )
