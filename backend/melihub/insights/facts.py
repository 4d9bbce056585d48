"""The facts a listing is scored on, read for a batch of listings in five statements (no Mercado Livre call).

Sales velocity comes from the KPI rollups (``kpi_listing_days``), unanswered questions from the questions
melihub holds, category attributes and ML's quality score from what ``refresh`` fetched. Nothing about
buyers is read: the facts (and the LLM's prompt built from them) hold the listing's own data only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import TextClause, text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.insights.rules import RECENT_DAYS, ListingFacts
from melihub.kpis.sql_rows import sql_rows
from melihub.meli.values import as_dict, money

_LISTINGS = text(
    """SELECT id, meli_account_id, ml_id, site_id, title, status, listing_type_id, logistic_type, free_shipping,
              price, available_quantity, category_id, description, synced_at,
              raw -> 'pictures' AS pictures, raw -> 'attributes' AS attributes, raw -> 'variations' AS variations
       FROM items WHERE tenant_id = :tenant AND id = ANY(:ids)"""
)
# Listing by listing through the rollup's unique index (tenant, account, item, day): a plan that reads the
# whole day range instead (the generic plan of ``item_ml_id = ANY(...)``, chosen after a few batches) made a
# batch of 500 take seconds.
_UNITS = text(
    """SELECT l.account AS meli_account_id, l.ml_id AS item_ml_id, sum(d.units) AS units
       FROM unnest(CAST(:accounts AS uuid[]), CAST(:ml_ids AS text[])) AS l(account, ml_id)
       JOIN kpi_listing_days d ON d.tenant_id = :tenant AND d.meli_account_id = l.account
                              AND d.item_ml_id = l.ml_id AND d.day >= :since
       GROUP BY l.account, l.ml_id"""
)
_UNANSWERED = text(
    """SELECT meli_account_id, item_ml_id, count(*) AS n, min(date_created) AS oldest FROM questions
       WHERE tenant_id = :tenant AND status = 'UNANSWERED' AND item_ml_id = ANY(:ml_ids)
       GROUP BY meli_account_id, item_ml_id"""
)
_CATEGORIES = text("SELECT category_id, attributes FROM meli_categories WHERE category_id = ANY(:ids)")
_QUALITY = text(
    "SELECT listing_id, score, pending FROM listing_quality WHERE tenant_id = :tenant AND listing_id = ANY(:ids)"
)


@dataclass(frozen=True)
class ScoredListing:
    """A listing's row facts and who it belongs to."""

    id: uuid.UUID
    meli_account_id: uuid.UUID
    category_id: str | None
    synced_at: datetime
    facts: ListingFacts


def _list(value: Any) -> list[dict[str, Any]]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _attributes(row: Any) -> list[dict[str, Any]]:
    """The item's attributes and its variations' (combinations and own attributes: SELLER_SKU…)."""
    found = _list(row.attributes)
    for variation in _list(row.variations):
        found += _list(variation.get("attribute_combinations")) + _list(variation.get("attributes"))
    return found


def _hours_since(at: datetime | None, now: datetime) -> float | None:
    return (now - at).total_seconds() / 3600 if at is not None else None


async def facts_of(
    session: AsyncSession, tenant_id: uuid.UUID, listing_ids: Sequence[uuid.UUID]
) -> list[ScoredListing]:
    """The facts of these listings of the tenant (ids melihub does not hold are left out)."""
    rows = await sql_rows(session, _LISTINGS, tenant=tenant_id, ids=list(listing_ids))
    if not rows:
        return []
    now = utcnow()
    ml_ids = sorted({row.ml_id for row in rows})
    params = {"tenant": tenant_id, "ml_ids": ml_ids}
    since = (now - timedelta(days=RECENT_DAYS - 1)).date()
    pairs = {"accounts": [row.meli_account_id for row in rows], "ml_ids": [row.ml_id for row in rows]}
    units_rows = await _all(session, _UNITS, tenant=tenant_id, since=since, **pairs)
    units = {(r.meli_account_id, r.item_ml_id): int(r.units) for r in units_rows}
    unanswered = {(r.meli_account_id, r.item_ml_id): r for r in await _all(session, _UNANSWERED, **params)}
    categories = sorted({row.category_id for row in rows if row.category_id})
    attributes = {r.category_id: _list(r.attributes) for r in await _all(session, _CATEGORIES, ids=categories)}
    quality = {r.listing_id: r for r in await _all(session, _QUALITY, tenant=tenant_id, ids=[r.id for r in rows])}
    found = []
    for row in rows:
        key = (row.meli_account_id, row.ml_id)
        asked = unanswered.get(key)
        rated = quality.get(row.id)
        facts = ListingFacts(
            ml_id=row.ml_id,
            site_id=row.site_id,
            title=row.title or "",
            status=row.status,
            listing_type_id=row.listing_type_id,
            logistic_type=row.logistic_type,
            free_shipping=bool(row.free_shipping),
            price=row.price,
            available_quantity=int(row.available_quantity or 0),
            pictures=_list(row.pictures),
            attributes=_attributes(row),
            variation_prices=[_price(v) for v in _list(row.variations)],
            description=row.description,
            category_attributes=attributes.get(row.category_id) if row.category_id else None,
            quality_score=rated.score if rated is not None else None,
            quality_pending=list(rated.pending or []) if rated is not None else [],
            units_recent=units.get(key, 0),
            unanswered_questions=int(asked.n) if asked is not None else 0,
            oldest_unanswered_hours=_hours_since(asked.oldest, now) if asked is not None else None,
        )
        found.append(ScoredListing(row.id, row.meli_account_id, row.category_id, row.synced_at, facts))
    return found


def _price(variation: dict[str, Any]) -> Decimal | None:
    return money(as_dict(variation).get("price"))


async def _all(session: AsyncSession, statement: TextClause, **params: Any) -> Sequence[Any]:
    if any(isinstance(value, list) and not value for value in params.values()):
        return []
    return await sql_rows(session, statement, **params)
