"""applyTitleSuggestion(analysisId, index): an analysis's suggested title, through updateListing's write."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.catalog.graphql.mutations.update_listing import EXPECTED
from melihub.catalog.graphql.types import ListingType
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.insights import titles
from melihub.insights.graphql.types import ANALYSIS_TYPE, ListingAnalysisType


@strawberry.type
class ApplyTitleSuggestionPayload:
    listing: ListingType | None = strawberry.field(
        default=None, description="The listing as stored after the attempt (refused: as it is)."
    )
    analysis: ListingAnalysisType | None = strawberry.field(default=None, description="With appliedTitles.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class ApplyTitleSuggestion(BaseMutation[ApplyTitleSuggestionPayload]):
    name = "applyTitleSuggestion"
    payload = ApplyTitleSuggestionPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> ApplyTitleSuggestionPayload:
        analysis_id = call.id_of("analysisId", arguments["analysis_id"], ANALYSIS_TYPE)
        principal = call.require_principal()
        call.target(ANALYSIS_TYPE, analysis_id)  # the audit row's before/after are the listing's

        def note(before: dict[str, Any], after: dict[str, Any]) -> None:
            call.note.before, call.note.after = before, after

        analysis, outcome = await titles.apply_title_suggestion(
            call.services,
            principal,
            analysis_id,
            arguments["index"],
            arguments["expected_updated_at"],
            store_in=call.unit,
            note=note,
        )
        return ApplyTitleSuggestionPayload(
            listing=ListingType.of(outcome.listing) if outcome.listing is not None else None,
            analysis=ListingAnalysisType.of(analysis),
            errors=[UserError(field=e.field, message=str(e), code=e.code) for e in outcome.errors],
        )


async def apply_title_suggestion(
    info: Info,
    analysis_id: strawberry.ID,
    index: int,
    expected_updated_at: Annotated[datetime | None, EXPECTED] = None,
) -> ApplyTitleSuggestionPayload:
    return await ApplyTitleSuggestion.run(
        info, analysis_id=analysis_id, index=index, expected_updated_at=expected_updated_at
    )
