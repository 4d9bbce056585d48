"""An account's score view and the LLM's status as GraphQL types."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.catalog.graphql.resolvers import resolve_listing
from melihub.catalog.graphql.types import LISTING_TYPE, ListingType
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Info
from melihub.graphql.relay import global_id
from melihub.i18n import DEFAULT_LOCALE
from melihub.insights import queries
from melihub.insights.budget import Budget
from melihub.insights.graphql.types import ScoreRule, request_locale
from melihub.insights.rules import Rule
from melihub.insights.status import AiStatus
from melihub.insights.texts import finding_texts


@strawberry.type(description="How many listings score in one band (from..to, inclusive).")
class ScoreBand:
    from_value: int = strawberry.field(name="from")
    to_value: int = strawberry.field(name="to")
    count: int


@strawberry.type(description="A rule and what it costs the account: points summed over its listings.")
class RuleCostType:
    rule: ScoreRule  # type: ignore[valid-type]
    listings: int
    points_lost: float
    _rule: strawberry.Private[str]

    @strawberry.field(description="What to do about it, in the caller's language.")
    def recommendation(self, info: Info) -> str:
        return finding_texts(self._rule, {}, request_locale(info) or DEFAULT_LOCALE)[1]


@strawberry.type(
    name="AccountScore", description="An account's listings by score: the spread, the worst, what costs most."
)
class AccountScoreType:
    meli_account_id: strawberry.ID
    listings: int = strawberry.field(description="Listings scored.")
    average: float | None
    distribution: list[ScoreBand]
    costliest_rules: list[RuleCostType]
    computed_at: datetime | None = strawberry.field(description="The newest score among them.")
    _worst: strawberry.Private[list[str]]

    @strawberry.field(description="The lowest-scored listings (at most 10), lowest first.")
    async def worst_listings(self, info: Info) -> list[ListingType]:
        found = [await resolve_listing(info, strawberry.ID(listing_id)) for listing_id in self._worst]
        return [listing for listing in found if listing is not None]

    @classmethod
    def of(cls, score: queries.AccountScore) -> AccountScoreType:
        width = queries.BUCKET
        bands = [
            ScoreBand(from_value=index * width, to_value=100 if index == 9 else index * width + width - 1, count=count)
            for index, count in enumerate(score.distribution)
        ]
        return cls(
            meli_account_id=strawberry.ID(global_id(ACCOUNT_TYPE, score.meli_account_id)),
            listings=score.listings,
            average=score.average,
            distribution=bands,
            costliest_rules=[
                RuleCostType(
                    rule=Rule(cost.rule), listings=cost.listings, points_lost=round(cost.points, 1), _rule=cost.rule
                )
                for cost in score.costliest_rules
            ],
            computed_at=score.computed_at,
            _worst=[global_id(LISTING_TYPE, listing_id) for listing_id in score.worst_listing_ids],
        )


@strawberry.type(name="AiBudget", description="The company's LLM tokens this calendar month (UTC).")
class AiBudgetType:
    monthly_tokens: int
    spent_tokens: int
    left_tokens: int
    own: bool = strawberry.field(description="Set by the company (false: melihub's default).")
    month_start: datetime

    @classmethod
    def of(cls, budget: Budget) -> AiBudgetType:
        return cls(
            monthly_tokens=budget.monthly_tokens,
            spent_tokens=budget.spent_tokens,
            left_tokens=budget.left_tokens,
            own=budget.own,
            month_start=budget.month_start,
        )


@strawberry.type(name="AiStatus", description="Whether the LLM review works now (the rules' score always does).")
class AiStatusType:
    configured: bool
    reachable: bool
    model: str | None
    last_latency_ms: int | None = strawberry.field(description="Of the company's last finished review.")
    probe_latency_ms: int | None
    error: str | None
    budget: AiBudgetType | None

    @classmethod
    def of(cls, status: AiStatus) -> AiStatusType:
        return cls(
            configured=status.configured,
            reachable=status.reachable,
            model=status.model,
            last_latency_ms=status.last_latency_ms,
            probe_latency_ms=status.probe_latency_ms,
            error=status.error,
            budget=AiBudgetType.of(status.budget) if status.budget else None,
        )
