"""Listing.scoreHistory (the listing's type imports it; it imports no GraphQL type of the catalog)."""

from __future__ import annotations

import uuid

from melihub.graphql.context import Info
from melihub.insights import queries
from melihub.insights.models import ListingScore

MAX_HISTORY = 100


async def resolve_score_history(info: Info, listing_id: uuid.UUID, first: int) -> list[ListingScore]:
    limit = max(1, min(first, MAX_HISTORY))
    async with info.context.session() as session:
        return await queries.score_history(session, info.context.require(), listing_id, limit)
