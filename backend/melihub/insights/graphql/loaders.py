"""Named DataLoaders of listing intelligence (one SQL statement per batch, per request)."""

from __future__ import annotations

import uuid

from strawberry.dataloader import DataLoader

from melihub.graphql.context import Context
from melihub.graphql.loaders import one_per_key
from melihub.insights import queries
from melihub.insights.models import ListingAnalysis, ListingScore

SCORE_BY_LISTING = "score_by_listing"
ANALYSIS_BY_LISTING = "analysis_by_listing"


def score_by_listing(context: Context) -> DataLoader[uuid.UUID, ListingScore | None]:
    """Listing id → its current score, None when it has none yet."""
    return one_per_key(context, SCORE_BY_LISTING, queries.current_scores, _listing_of_score)


def analysis_by_listing(context: Context) -> DataLoader[uuid.UUID, ListingAnalysis | None]:
    """Listing id → its newest analysis."""
    return one_per_key(context, ANALYSIS_BY_LISTING, queries.latest_analyses, _listing_of_analysis)


def _listing_of_score(score: ListingScore) -> uuid.UUID:
    return score.listing_id


def _listing_of_analysis(analysis: ListingAnalysis) -> uuid.UUID:
    return analysis.listing_id
