"""Funnel metrics: visits → questions → orders, from ``listing_visit_days`` and ``kpi_account_days``.

- ``VISITS``: Mercado Livre's daily visits of the accounts' listings (``kpis.visits``), by local day.
- ``QUESTIONS_ASKED``: questions by ``date_created`` (local day), as ``kpi_listing_days`` counts them
  (read from their sums per account day, ``kpi_account_days``).
- ``VISIT_CONVERSION``: orders / visits, orders being ``kpi_listing_days.orders`` (an order counts once for
  each listing it holds); None without visits.
Both sources hold whole local days, so an HOUR series has None points (the totals are the range's).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.buckets import Bucket, account_filter, account_params, buckets, day_spans, span_params
from melihub.kpis.metrics import (
    Granularity,
    LocalRange,
    MetricData,
    MetricGroup,
    MetricKey,
    MetricUnit,
    PointData,
    ratio,
)
from melihub.kpis.sql_rows import sql_rows

# Each source summed per local day once over the whole span, then per bucket of days.
_PER_BUCKET = text(
    f"""
    WITH b AS (
        SELECT * FROM unnest(CAST(:firsts AS date[]), CAST(:lasts AS date[])) WITH ORDINALITY AS b(first, last, n)
    ),
    seen_days AS (
        SELECT v.day, sum(v.visits) AS visits FROM listing_visit_days v
        WHERE v.day BETWEEN :first AND :last AND {account_filter("v.meli_account_id")}
        GROUP BY v.day
    ),
    sold_days AS (
        SELECT a.day, sum(a.orders) AS orders, sum(a.questions_asked) AS questions FROM kpi_account_days a
        WHERE a.day BETWEEN :first AND :last AND {account_filter("a.meli_account_id")}
        GROUP BY a.day
    ),
    seen AS (
        SELECT b.n, sum(s.visits) AS visits FROM b JOIN seen_days s ON s.day BETWEEN b.first AND b.last GROUP BY b.n
    ),
    sold AS (
        SELECT b.n, sum(s.orders) AS orders, sum(s.questions) AS questions FROM b
        JOIN sold_days s ON s.day BETWEEN b.first AND b.last GROUP BY b.n
    )
    SELECT b.n, coalesce(seen.visits, 0) AS visits, coalesce(sold.orders, 0) AS orders,
           coalesce(sold.questions, 0) AS questions
    FROM b LEFT JOIN seen ON seen.n = b.n LEFT JOIN sold ON sold.n = b.n ORDER BY b.n
    """
)


@dataclass(frozen=True)
class FunnelCounts:
    visits: int
    questions: int
    orders: int


async def funnel_counts(
    session: AsyncSession, spans: Sequence[tuple[date, date]], account_ids: Sequence[uuid.UUID] | None
) -> list[FunnelCounts]:
    """Visits, questions and orders of each ``(first, last)`` span of local days (inclusive)."""
    if not spans:
        return []
    rows = await sql_rows(session, _PER_BUCKET, **span_params(spans), **account_params(account_ids))
    return [FunnelCounts(int(r.visits), int(r.questions), int(r.orders)) for r in rows]


async def funnel_metrics(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    account_ids: Sequence[uuid.UUID] | None,
    range_: LocalRange,
    granularity: Granularity,
    time_zone: str,
) -> list[MetricData]:
    """The three funnel metrics of ``range_`` (row-level security keeps the session to ``tenant_id``)."""
    series = buckets(range_, granularity)
    daily = [b for b in series if b.first is not None]
    per_bucket = await funnel_counts(session, day_spans(range_, daily), account_ids)
    counted = dict(zip((b.point for b in daily), per_bucket, strict=True)) if daily else {}
    total = FunnelCounts(*(sum(getattr(c, f.name) for c in per_bucket) for f in fields(FunnelCounts)))

    def points(value: Any) -> list[PointData]:
        return [_point(b, counted.get(b.point), value) for b in series]

    return [
        _metric(MetricKey.VISITS, MetricUnit.COUNT, Decimal(total.visits), points(lambda c: Decimal(c.visits))),
        _metric(
            MetricKey.QUESTIONS_ASKED,
            MetricUnit.COUNT,
            Decimal(total.questions),
            points(lambda c: Decimal(c.questions)),
        ),
        _metric(
            MetricKey.VISIT_CONVERSION,
            MetricUnit.RATIO,
            ratio(total.orders, total.visits),
            points(lambda c: ratio(c.orders, c.visits)),
        ),
    ]


def _point(bucket: Bucket, counts: FunnelCounts | None, value: Any) -> PointData:
    return PointData(bucket.point, value(counts) if counts is not None else None)


def _metric(key: MetricKey, unit: MetricUnit, total: Decimal | None, series: list[PointData]) -> MetricData:
    return MetricData(key=key, group=MetricGroup.FUNNEL, unit=unit, total=total, series=series)
