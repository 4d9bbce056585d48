"""Scoring listings and keeping each listing's score history.

A listing is scored from the facts melihub holds (``facts``): after each applied change of it or of its
questions (``upkeep``), after its Mercado Livre facts are refreshed (``refresh``), and by a sweep of the
listings changed since their last score (melihub's own edits come back as the same version, so the
applier does not see them as changes). A score equal to the current one only moves its ``computed_at``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.insights.facts import ScoredListing, facts_of
from melihub.insights.models import ListingScore
from melihub.insights.scoring import Computed, compute
from melihub.kpis.sql_rows import sql_rows

BATCH = 500

_STALE = text(
    """SELECT i.id FROM items i
       LEFT JOIN listing_scores s ON s.tenant_id = i.tenant_id AND s.listing_id = i.id AND s.is_current
       WHERE i.tenant_id = :tenant AND (s.id IS NULL OR s.computed_at < i.synced_at)
       ORDER BY i.id LIMIT :limit"""
)
_OF_ACCOUNT = text("SELECT id FROM items WHERE tenant_id = :tenant AND meli_account_id = :account ORDER BY id")


@dataclass(frozen=True)
class Scored:
    listing_id: uuid.UUID
    computed: Computed
    changed: bool  # a new history row (False: the same score as before, recomputed)


async def score_listings(session: AsyncSession, tenant_id: uuid.UUID, listing_ids: Sequence[uuid.UUID]) -> list[Scored]:
    """Score these listings now and store what changed, in the caller's transaction."""
    scored: list[Scored] = []
    for start in range(0, len(listing_ids), BATCH):
        listings = await facts_of(session, tenant_id, listing_ids[start : start + BATCH])
        scored += await _store(session, tenant_id, listings)
    return scored


async def _store(session: AsyncSession, tenant_id: uuid.UUID, listings: list[ScoredListing]) -> list[Scored]:
    if not listings:
        return []
    ids = [listing.id for listing in listings]
    current = {
        row.listing_id: row
        for row in (
            await session.exec(
                select(ListingScore).where(
                    col(ListingScore.tenant_id) == tenant_id,
                    col(ListingScore.listing_id).in_(ids),
                    col(ListingScore.is_current),
                )
            )
        ).all()
    }
    now = utcnow()
    same: list[uuid.UUID] = []
    replaced: list[uuid.UUID] = []
    scored: list[Scored] = []
    for listing in listings:
        computed = compute(listing.facts)
        held = current.get(listing.id)
        unchanged = held is not None and held.value == computed.value and held.findings == computed.findings
        if held is not None:
            (same if unchanged else replaced).append(held.id)
        scored.append(Scored(listing.id, computed, not unchanged))
    if same:
        await session.exec(update(ListingScore).where(col(ListingScore.id).in_(same)).values(computed_at=now))
    if replaced:
        await session.exec(update(ListingScore).where(col(ListingScore.id).in_(replaced)).values(is_current=False))
    # After the old rows stopped being current: the unique index allows one current row per listing.
    by_id = {listing.id: listing for listing in listings}
    session.add_all(_row(tenant_id, by_id[done.listing_id], done.computed, now) for done in scored if done.changed)
    await session.flush()
    return scored


def _row(tenant_id: uuid.UUID, listing: ScoredListing, computed: Computed, now: datetime) -> ListingScore:
    return ListingScore(
        tenant_id=tenant_id,
        listing_id=listing.id,
        meli_account_id=listing.meli_account_id,
        value=computed.value,
        level=computed.level.value,
        findings=computed.findings,
        failed_rules=computed.failed_rules,
        points_lost=computed.points_lost,
        is_current=True,
        computed_at=now,
    )


async def stale_listing_ids(session: AsyncSession, tenant_id: uuid.UUID, limit: int = 5000) -> list[uuid.UUID]:
    """Listings never scored, or changed since their score."""
    return [row.id for row in await sql_rows(session, _STALE, tenant=tenant_id, limit=limit)]


async def account_listing_ids(session: AsyncSession, tenant_id: uuid.UUID, account_id: uuid.UUID) -> list[uuid.UUID]:
    return [row.id for row in await sql_rows(session, _OF_ACCOUNT, tenant=tenant_id, account=account_id)]
