"""Reading scores and analyses (the write side is ``service``, ``analysis`` and ``titles``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing
from melihub.connections.models import MeliAccount
from melihub.errors import DomainError
from melihub.insights.models import ListingAnalysis, ListingScore
from melihub.kpis.sql_rows import sql_rows

WORST = 10
BUCKET = 10  # the distribution's width: 0-9, 10-19, … 90-100

_DISTRIBUTION = text(
    """SELECT least(value / :width, 9) AS bucket, count(*) AS n FROM listing_scores
       WHERE tenant_id = :tenant AND meli_account_id = :account AND is_current GROUP BY 1 ORDER BY 1"""
)
_SUMMARY = text(
    """SELECT count(*) AS listings, avg(value) AS average, max(computed_at) AS computed_at FROM listing_scores
       WHERE tenant_id = :tenant AND meli_account_id = :account AND is_current"""
)
_RULES = text(
    """SELECT lost.key AS rule, count(*) AS listings, sum((lost.value)::numeric) AS points
       FROM listing_scores s, jsonb_each_text(s.points_lost) AS lost
       WHERE s.tenant_id = :tenant AND s.meli_account_id = :account AND s.is_current
       GROUP BY lost.key ORDER BY points DESC, rule LIMIT :limit"""
)
_WORST = text(
    """SELECT listing_id FROM listing_scores
       WHERE tenant_id = :tenant AND meli_account_id = :account AND is_current
       ORDER BY value, listing_id LIMIT :limit"""
)


def score_conditions(score_below: int | None, finding: str | None) -> list[ColumnElement[bool]]:
    """For ``listings(filter: {scoreBelow, finding})``: conditions on ``items`` by their current score."""
    if score_below is None and finding is None:
        return []
    current = select(ListingScore.listing_id).where(
        col(ListingScore.tenant_id) == col(Listing.tenant_id),
        col(ListingScore.listing_id) == col(Listing.id),
        col(ListingScore.is_current),
    )
    if score_below is not None:
        current = current.where(col(ListingScore.value) < score_below)
    if finding is not None:
        current = current.where(col(ListingScore.failed_rules).contains([finding]))
    return [current.exists()]


async def current_scores(
    session: AsyncSession, principal: Principal, listing_ids: Sequence[uuid.UUID]
) -> list[ListingScore]:
    """For DataLoaders: the current score of these listings (the caller has read the listings)."""
    principal.require(Permission.READ)
    query = select(ListingScore).where(
        col(ListingScore.tenant_id) == principal.tenant_id,
        col(ListingScore.listing_id).in_(list(listing_ids)),
        col(ListingScore.is_current),
    )
    return list((await session.exec(query)).all())


async def score_history(
    session: AsyncSession, principal: Principal, listing_id: uuid.UUID, limit: int
) -> list[ListingScore]:
    """The listing's scores, newest first: one row per change of its score."""
    principal.require(Permission.READ)
    query = (
        select(ListingScore)
        .where(col(ListingScore.tenant_id) == principal.tenant_id, col(ListingScore.listing_id) == listing_id)
        .order_by(col(ListingScore.computed_at).desc(), col(ListingScore.id).desc())
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def latest_analyses(
    session: AsyncSession, principal: Principal, listing_ids: Sequence[uuid.UUID]
) -> list[ListingAnalysis]:
    """For DataLoaders: each listing's newest analysis."""
    principal.require(Permission.READ)
    query = (
        select(ListingAnalysis)
        .where(
            col(ListingAnalysis.tenant_id) == principal.tenant_id,
            col(ListingAnalysis.listing_id).in_(list(listing_ids)),
        )
        .order_by(col(ListingAnalysis.listing_id), col(ListingAnalysis.created_at).desc())
    )
    newest: dict[uuid.UUID, ListingAnalysis] = {}
    for analysis in (await session.exec(query)).all():  # a listing has a few analyses: the first is its newest
        newest.setdefault(analysis.listing_id, analysis)
    return list(newest.values())


async def analyses_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[ListingAnalysis]:
    """For ``node``/``nodes``: analyses of listings of accounts the caller sees."""
    principal.require(Permission.READ)
    query = select(ListingAnalysis).where(
        col(ListingAnalysis.tenant_id) == principal.tenant_id, col(ListingAnalysis.id).in_(list(ids))
    )
    found = (await session.exec(query)).all()
    return [analysis for analysis in found if principal.sees_account(analysis.meli_account_id)]


@dataclass(frozen=True)
class RuleCost:
    rule: str
    listings: int
    points: float  # summed over the account's listings


@dataclass(frozen=True)
class AccountScore:
    meli_account_id: uuid.UUID
    listings: int
    average: float | None
    distribution: list[int]  # counts per BUCKET-wide band, 0-9 … 90-100
    costliest_rules: list[RuleCost]
    worst_listing_ids: list[uuid.UUID]
    computed_at: Any


async def account_score(session: AsyncSession, principal: Principal, account_id: uuid.UUID) -> AccountScore:
    principal.require(Permission.READ)
    if not principal.sees_account(account_id) or await session.get(MeliAccount, account_id) is None:
        raise DomainError("no account with this id is visible to you", field="meliAccountId", code="NOT_FOUND")
    params: dict[str, Any] = {"tenant": principal.tenant_id, "account": account_id}
    summary = (await sql_rows(session, _SUMMARY, **params))[0]
    bands = [0] * 10
    for row in await sql_rows(session, _DISTRIBUTION, width=BUCKET, **params):
        bands[int(row.bucket)] = int(row.n)
    rules = [
        RuleCost(row.rule, int(row.listings), float(row.points))
        for row in await sql_rows(session, _RULES, limit=8, **params)
    ]
    worst = [row.listing_id for row in await sql_rows(session, _WORST, limit=WORST, **params)]
    average = round(float(summary.average), 1) if summary.average is not None else None
    return AccountScore(account_id, int(summary.listings), average, bands, rules, worst, summary.computed_at)
