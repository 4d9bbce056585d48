"""Listing intelligence's Query and Mutation fields for the schema root (Listing.score lives on Listing)."""

from __future__ import annotations

import strawberry

from melihub.insights.graphql.mutations.analyze_listing import AnalyzeListingPayload, analyze_listing
from melihub.insights.graphql.mutations.apply_title_suggestion import (
    ApplyTitleSuggestionPayload,
    apply_title_suggestion,
)
from melihub.insights.graphql.mutations.set_ai_token_budget import SetAiTokenBudgetPayload, set_ai_token_budget
from melihub.insights.graphql.resolvers import resolve_account_score, resolve_ai_status
from melihub.insights.graphql.scores import AccountScoreType, AiStatusType


@strawberry.type
class InsightsQuery:
    account_score: AccountScoreType = strawberry.field(
        resolver=resolve_account_score,
        description="An account's listings by score: the spread, the 10 worst, the rules that cost most.",
    )
    ai_status: AiStatusType = strawberry.field(
        resolver=resolve_ai_status, description="Whether the LLM review works now, and the company's budget left."
    )


@strawberry.type
class InsightsMutation:
    analyze_listing: AnalyzeListingPayload = strawberry.mutation(
        resolver=analyze_listing,
        description="The LLM's review of a listing (a job): LLM_NOT_CONFIGURED without an LLM, BUDGET_EXCEEDED "
        "over the company's monthly tokens.",
    )
    apply_title_suggestion: ApplyTitleSuggestionPayload = strawberry.mutation(
        resolver=apply_title_suggestion,
        description="Set the listing's title to an analysis's suggestion, through updateListing's rules (Mercado "
        "Livre refuses a new title once the listing has sales).",
    )
    set_ai_token_budget: SetAiTokenBudgetPayload = strawberry.mutation(
        resolver=set_ai_token_budget, description="The company's monthly token budget for LLM reviews (0 turns it off)."
    )
