"""Scores, findings and LLM analyses as GraphQL types."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from melihub.graphql.context import Info
from melihub.graphql.money import Money
from melihub.graphql.relay import Node, global_id, register_node
from melihub.i18n import pick_locale
from melihub.insights import queries
from melihub.insights.models import ListingAnalysis, ListingScore
from melihub.insights.rules import Rule
from melihub.insights.texts import finding_texts

if TYPE_CHECKING:
    from melihub.catalog.graphql.types import ListingType

ANALYSIS_TYPE = "ListingAnalysis"
LISTING_TYPE = "Listing"

ScoreRule = strawberry.enum(Rule, name="ScoreRule", description="A rule of the listing score (docs/insights.md).")


@strawberry.enum(name="ScoreLevel")
class ScoreLevel(Enum):
    BASIC = "BASIC"
    SATISFACTORY = "SATISFACTORY"
    PROFESSIONAL = "PROFESSIONAL"


@strawberry.enum(name="FindingSeverity")
class FindingSeverity(Enum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


@strawberry.enum(name="AnalysisStatus")
class AnalysisStatusType(Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


def request_locale(info: Info) -> str:
    request = info.context.request
    return pick_locale(request.headers.get("accept-language") if request else None)


@strawberry.type(description="One rule that cost the listing points: what, why, and what to do.")
class ScoreFinding:
    rule: ScoreRule  # type: ignore[valid-type]
    severity: FindingSeverity
    message: str = strawberry.field(description="What was found, in the caller's language (Accept-Language).")
    recommendation: str
    evidence: JSON = strawberry.field(description="The facts the rule judged (counts, lengths, missing names…).")
    points_lost: float

    @classmethod
    def of(cls, finding: dict[str, Any], locale: str) -> ScoreFinding:
        evidence = finding.get("evidence") or {}
        message, recommendation = finding_texts(finding["rule"], evidence, locale)
        return cls(
            rule=Rule(finding["rule"]),
            severity=FindingSeverity(finding["severity"]),
            message=message,
            recommendation=recommendation,
            evidence=cast(JSON, evidence),
            points_lost=float(finding.get("pointsLost") or 0),
        )


@strawberry.type(description="A listing's score 0-100 from melihub's rules, and each finding that cost points.")
class ListingScoreType:
    value: int
    level: ScoreLevel
    findings: list[ScoreFinding]
    computed_at: datetime

    @classmethod
    def of(cls, score: ListingScore, locale: str) -> ListingScoreType:
        return cls(
            value=score.value,
            level=ScoreLevel(score.level),
            findings=[ScoreFinding.of(finding, locale) for finding in score.findings],
            computed_at=score.computed_at,
        )


@strawberry.type(description="The score at one moment of the listing's history.")
class ScorePoint:
    value: int
    level: ScoreLevel
    computed_at: datetime


@strawberry.type(description="A suggestion of the LLM and why.")
class Reasoned:
    text: str
    reason: str


@strawberry.type
class SeoAdvice:
    title_suggestions: list[Reasoned] = strawberry.field(description="At most 60 characters each.")
    keywords: list[Reasoned]


@strawberry.type(description="The LLM's review, validated against its JSON schema.")
class AnalysisResult:
    seo: SeoAdvice
    hacks: list[Reasoned]
    critique: list[Reasoned]
    risks: list[Reasoned]

    @classmethod
    def of(cls, result: dict[str, Any]) -> AnalysisResult:
        seo = result.get("seo") or {}
        return cls(
            seo=SeoAdvice(
                title_suggestions=_reasoned(seo.get("titleSuggestions"), "title"),
                keywords=_reasoned(seo.get("keywords"), "keyword"),
            ),
            hacks=_reasoned(result.get("hacks"), "text"),
            critique=_reasoned(result.get("critique"), "text"),
            risks=_reasoned(result.get("risks"), "text"),
        )


def _reasoned(entries: Any, key: str) -> list[Reasoned]:
    return [
        Reasoned(text=str(entry.get(key) or ""), reason=str(entry.get("reason") or ""))
        for entry in entries or []
        if isinstance(entry, dict)
    ]


@strawberry.type(name="ListingAnalysis", description="An LLM review of a listing, with what it cost.")
class ListingAnalysisType(Node):
    status: AnalysisStatusType
    result: AnalysisResult | None
    error: str | None
    error_code: str | None = strawberry.field(description="LLM_UNAVAILABLE, LLM_INVALID_ANSWER, BUDGET_EXCEEDED…")
    retry_at: datetime | None = strawberry.field(description="When a failed analysis is tried again by itself.")
    model: str
    prompt_version: str
    language: str = strawberry.field(description="pt-BR for MLB listings, es elsewhere.")
    listing_version: str = strawberry.field(description="Digest of the listing data the LLM judged.")
    prompt_tokens: int
    completion_tokens: int
    cost_estimate: Money = strawberry.field(description="In USD, from the configured prices per token.")
    latency_ms: int | None
    attempts: int
    applied_titles: list[str]
    created_at: datetime
    finished_at: datetime | None
    _listing_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="The listing judged.")
    async def listing(
        self, info: Info
    ) -> Annotated[ListingType, strawberry.lazy("melihub.catalog.graphql.types")] | None:
        # The listing's type imports this module (Listing.score): its resolver is looked up when called.
        from melihub.catalog.graphql.resolvers import resolve_listing

        return await resolve_listing(info, strawberry.ID(global_id(LISTING_TYPE, self._listing_id)))

    @classmethod
    def of(cls, analysis: ListingAnalysis) -> ListingAnalysisType:
        return cls(
            id=global_id(ANALYSIS_TYPE, analysis.id),
            status=AnalysisStatusType(analysis.status),
            result=AnalysisResult.of(analysis.result) if analysis.result else None,
            error=analysis.error,
            error_code=analysis.error_code,
            retry_at=analysis.retry_at,
            model=analysis.model,
            prompt_version=analysis.prompt_version,
            language=analysis.language,
            listing_version=analysis.listing_version,
            prompt_tokens=analysis.prompt_tokens,
            completion_tokens=analysis.completion_tokens,
            cost_estimate=Money(amount=analysis.cost_estimate, currency="USD"),
            latency_ms=analysis.latency_ms,
            attempts=analysis.attempts,
            applied_titles=list(analysis.applied_titles),
            created_at=analysis.created_at,
            finished_at=analysis.finished_at,
            _listing_id=analysis.listing_id,
        )


register_node(ANALYSIS_TYPE, queries.analyses_by_ids, ListingAnalysisType.of)
