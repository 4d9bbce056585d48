"""analyzeListing(listingId): the LLM's review of a listing, as a background job."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.insights import analysis
from melihub.insights.graphql.types import ANALYSIS_TYPE, LISTING_TYPE, ListingAnalysisType


@strawberry.type
class AnalyzeListingPayload:
    analysis: ListingAnalysisType | None = strawberry.field(
        default=None,
        description="QUEUED until the job runs (follow it with node(id)); the stored one, DONE, when the listing "
        "is unchanged since it was judged.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class AnalyzeListing(BaseMutation[AnalyzeListingPayload]):
    name = "analyzeListing"
    payload = AnalyzeListingPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> AnalyzeListingPayload:
        listing_id = call.id_of("listingId", arguments["listing_id"], LISTING_TYPE)
        call.target(LISTING_TYPE, listing_id)
        found = await analysis.analyze_listing(call.services, call.require_principal(), listing_id, store_in=call.unit)
        call.target(ANALYSIS_TYPE, found.id)
        return AnalyzeListingPayload(analysis=ListingAnalysisType.of(found))


async def analyze_listing(info: Info, listing_id: strawberry.ID) -> AnalyzeListingPayload:
    return await AnalyzeListing.run(info, listing_id=listing_id)
