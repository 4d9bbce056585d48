"""``topListings``: the listings that sold, were asked or were seen most in a range, in one statement.

Sales and questions come from ``kpi_listing_days``, visits from ``listing_visit_days``, both by local day
of the range; the listings themselves are joined in the same statement (no loader round trip). ``value`` is
the figure ranked by: GMV (the listing's amount, in its own currency: a listing sells in one), UNITS,
ORDERS, VISITS, QUESTIONS, or CONVERSION (orders / visits, listings with visits only). Only listings
whose value is above zero are listed; ties are broken by listing id.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Numeric, Text, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.catalog.models import Listing
from melihub.kpis.buckets import account_filter, account_params

MAX_FIRST = 50


class TopListingMetric(StrEnum):
    GMV = "GMV"
    UNITS = "UNITS"
    ORDERS = "ORDERS"
    VISITS = "VISITS"
    CONVERSION = "CONVERSION"
    QUESTIONS = "QUESTIONS"


_VALUE = {
    TopListingMetric.GMV: "gmv",
    TopListingMetric.UNITS: "units",
    TopListingMetric.ORDERS: "orders",
    TopListingMetric.VISITS: "visits",
    TopListingMetric.QUESTIONS: "questions",
    TopListingMetric.CONVERSION: "CASE WHEN visits > 0 THEN orders::numeric / visits END",
}

_RANKED = """
    WITH per_currency AS (
        SELECT d.meli_account_id, d.item_ml_id, d.currency_id, sum(d.units) AS units, sum(d.orders) AS orders,
               sum(d.questions_asked) AS questions, sum(d.gmv) AS gmv
        FROM kpi_listing_days d
        WHERE d.day BETWEEN :first AND :last AND {accounts_d}
        GROUP BY d.meli_account_id, d.item_ml_id, d.currency_id
    ),
    sold AS (
        SELECT i.id AS listing_id, sum(p.units) AS units, sum(p.orders) AS orders, sum(p.questions) AS questions,
               sum(p.gmv) AS gmv,
               array_agg(p.currency_id ORDER BY p.currency_id) FILTER (WHERE p.currency_id <> '' AND p.gmv <> 0)
                   AS currencies,
               array_agg(p.gmv ORDER BY p.currency_id) FILTER (WHERE p.currency_id <> '' AND p.gmv <> 0) AS amounts
        FROM per_currency p JOIN items i ON i.ml_id = p.item_ml_id AND i.meli_account_id = p.meli_account_id
        GROUP BY i.id
    ),
    seen AS (
        SELECT v.listing_id, sum(v.visits) AS visits FROM listing_visit_days v
        WHERE v.day BETWEEN :first AND :last AND {accounts_v}
        GROUP BY v.listing_id
    ),
    joined AS (
        SELECT coalesce(s.listing_id, v.listing_id) AS listing_id, coalesce(s.units, 0) AS units,
               coalesce(s.orders, 0) AS orders, coalesce(s.questions, 0) AS questions, coalesce(s.gmv, 0) AS gmv,
               coalesce(s.currencies, '{{}}') AS currencies, coalesce(s.amounts, '{{}}') AS amounts,
               coalesce(v.visits, 0) AS visits
        FROM sold s FULL JOIN seen v ON v.listing_id = s.listing_id
    ),
    valued AS (SELECT joined.*, ({value})::numeric AS value FROM joined)
    SELECT * FROM valued WHERE value > 0 ORDER BY value DESC, listing_id LIMIT :first_n
"""


@dataclass(frozen=True)
class TopListingData:
    listing: Listing
    value: Decimal
    gmv: dict[str, Decimal]  # per currency, currencies with sales only
    units: int
    orders: int
    visits: int
    questions: int

    @property
    def conversion(self) -> Decimal | None:
        return Decimal(self.orders) / self.visits if self.visits else None


def _ranked(metric: TopListingMetric) -> Any:
    statement = text(
        _RANKED.format(
            accounts_d=account_filter("d.meli_account_id"),
            accounts_v=account_filter("v.meli_account_id"),
            value=_VALUE[metric],
        )
    )
    return statement.columns(
        listing_id=Uuid(),
        units=BigInteger(),
        orders=BigInteger(),
        questions=BigInteger(),
        gmv=Numeric(),
        currencies=ARRAY(Text()),
        amounts=ARRAY(Numeric()),
        visits=BigInteger(),
        value=Numeric(),
    ).subquery("ranked")


async def top_listings(
    session: AsyncSession,
    *,
    metric: TopListingMetric,
    first_day: date,
    last_day: date,
    account_ids: Sequence[uuid.UUID] | None,
    first: int = 10,
) -> list[TopListingData]:
    """The ``first`` (1..50) listings of the accounts ranked by ``metric`` over the local days given."""
    ranked = _ranked(metric)
    listing_id = ranked.c.listing_id
    statement = (
        select(Listing, ranked)
        .join(ranked, col(Listing.id) == listing_id)
        .order_by(ranked.c.value.desc(), listing_id)
        .params(
            first=first_day,
            last=last_day,
            first_n=max(1, min(first, MAX_FIRST)),
            **account_params(account_ids),
        )
    )
    rows: Any = (await session.exec(statement)).all()
    found = []
    for row in rows:
        listing = row[0]
        found.append(
            TopListingData(
                listing=listing,
                value=Decimal(row.value),
                gmv={c: Decimal(a) for c, a in zip(row.currencies, row.amounts, strict=True)},
                units=int(row.units),
                orders=int(row.orders),
                visits=int(row.visits),
                questions=int(row.questions),
            )
        )
    return found
