"""Named DataLoaders of the catalog (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from strawberry.dataloader import DataLoader

from melihub.catalog import queries
from melihub.catalog.models import Listing, Variation
from melihub.graphql.context import Context
from melihub.graphql.loaders import all_per_key, one_per_key
from melihub.graphql.prefetch import Wanted

LISTING_BY_ML_ID = "listing_by_ml_id"
VARIATIONS_BY_LISTING = "variations_by_listing"


def listing_by_ml_id(context: Context) -> DataLoader[str, Listing | None]:
    """ML item id (``MLB123``) → the listing, None when not stored or not visible to the caller."""
    return one_per_key(context, LISTING_BY_ML_ID, queries.listings_by_ml_ids, _ml_id_of)


def variations_by_listing(context: Context) -> DataLoader[uuid.UUID, list[Variation]]:
    """Listing id → its variations."""
    return all_per_key(context, VARIATIONS_BY_LISTING, queries.variations_by_listing_ids, _listing_of)


def _ml_id_of(listing: Listing) -> str:
    return listing.ml_id


def _listing_of(variation: Variation) -> uuid.UUID:
    return variation.item_id


async def prime_listings_by_ml_id(context: Context, ml_ids: Iterable[str], *, with_variations: bool) -> None:
    """Load these listings (and their variations) at once, so the fields asking for them need not wait."""
    listings = await listing_by_ml_id(context).load_many(list(dict.fromkeys(ml_ids)))
    if with_variations:
        await variations_by_listing(context).load_many([listing.id for listing in listings if listing])


async def prime_listing_page(context: Context, listings: list[Listing], wanted: Wanted) -> None:
    if wanted("variations"):
        await variations_by_listing(context).load_many([listing.id for listing in listings])
