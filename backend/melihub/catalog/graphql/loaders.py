"""Named DataLoaders of the catalog (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

import uuid
from collections import defaultdict

from strawberry.dataloader import DataLoader

from melihub.catalog import queries
from melihub.catalog.models import Listing, Variation
from melihub.graphql.context import Context

LISTING_BY_ML_ID = "listing_by_ml_id"
VARIATIONS_BY_LISTING = "variations_by_listing"


def listing_by_ml_id(context: Context) -> DataLoader[str, Listing | None]:
    """ML item id (``MLB123``) → the listing, None when not stored or not visible to the caller."""

    def create(ctx: Context) -> DataLoader[str, Listing | None]:
        async def load(ml_ids: list[str]) -> list[Listing | None]:
            async with ctx.session() as session:
                rows = await queries.listings_by_ml_ids(session, ctx.require(), ml_ids)
            by_ml_id = {row.ml_id: row for row in rows}
            return [by_ml_id.get(ml_id) for ml_id in ml_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[str, Listing | None] = context.loader(LISTING_BY_ML_ID, create)
    return loader


def variations_by_listing(context: Context) -> DataLoader[uuid.UUID, list[Variation]]:
    """Listing id → its variations."""

    def create(ctx: Context) -> DataLoader[uuid.UUID, list[Variation]]:
        async def load(listing_ids: list[uuid.UUID]) -> list[list[Variation]]:
            async with ctx.session() as session:
                rows = await queries.variations_by_listing_ids(session, ctx.require(), listing_ids)
            grouped: dict[uuid.UUID, list[Variation]] = defaultdict(list)
            for row in rows:
                grouped[row.item_id].append(row)
            return [grouped.get(listing_id, []) for listing_id in listing_ids]

        return DataLoader(load_fn=load)

    loader: DataLoader[uuid.UUID, list[Variation]] = context.loader(VARIATIONS_BY_LISTING, create)
    return loader
