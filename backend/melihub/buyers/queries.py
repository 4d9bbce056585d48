"""Reads of the buyer rollup: cohorts by first-order month and RFM segments (docs/kpis.md, "Buyers").

A **customer** is a Mercado Livre buyer (``buyer_ml_id``): the same buyer on two selected accounts is one
customer. Both reads scan ``customer_months`` of the selected accounts only, never the orders.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.kpis.buckets import account_filter, account_params
from melihub.kpis.sql_rows import sql_rows

_COHORTS = text(
    f"""
    WITH picked AS (
        SELECT DISTINCT buyer_ml_id, month FROM customer_months WHERE {account_filter("meli_account_id")}
    ),
    firsts AS (SELECT buyer_ml_id, min(month) AS cohort FROM picked GROUP BY buyer_ml_id)
    SELECT f.cohort, (extract(year FROM age(p.month, f.cohort)) * 12 + extract(month FROM age(p.month, f.cohort)))::int
               AS months_after,
           count(*) AS customers
    FROM firsts f JOIN picked p ON p.buyer_ml_id = f.buyer_ml_id
    WHERE f.cohort BETWEEN :first AND :last
    GROUP BY f.cohort, months_after ORDER BY f.cohort, months_after
    """
)

# One RFM unit per buyer and currency; scores by ntile(5) within the currency, ties broken by buyer id.
_RFM = text(
    f"""
    WITH c AS (
        SELECT buyer_ml_id, currency_id, max(last_order_at) AS last_at, sum(orders) AS frequency,
               sum(gmv) AS monetary
        FROM customer_months WHERE {account_filter("meli_account_id")}
        GROUP BY buyer_ml_id, currency_id
    ),
    scored AS (
        SELECT c.*, extract(epoch FROM (:now - last_at)) / 86400 AS recency_days,
               ntile(5) OVER (PARTITION BY currency_id ORDER BY last_at, buyer_ml_id) AS r,
               ntile(5) OVER (PARTITION BY currency_id ORDER BY frequency, buyer_ml_id) AS f,
               ntile(5) OVER (PARTITION BY currency_id ORDER BY monetary, buyer_ml_id) AS m
        FROM c
    )
    SELECT r, (f + m + 1) / 2 AS fm, currency_id, count(*) AS customers, sum(monetary) AS monetary,
           sum(recency_days) AS recency_days, sum(frequency) AS frequency
    FROM scored GROUP BY r, fm, currency_id ORDER BY r, fm, currency_id
    """
)


class RfmSegmentKey(StrEnum):
    CHAMPIONS = "CHAMPIONS"
    LOYAL = "LOYAL"
    POTENTIAL = "POTENTIAL"
    NEW = "NEW"
    PROMISING = "PROMISING"
    NEED_ATTENTION = "NEED_ATTENTION"
    AT_RISK = "AT_RISK"
    CANT_LOSE = "CANT_LOSE"
    HIBERNATING = "HIBERNATING"
    LOST = "LOST"


def segment_of(recency: int, frequency_monetary: int) -> RfmSegmentKey:
    """The classic RFM grid on (R, FM), FM = round-half-up of (F + M) / 2; docs/kpis.md draws it."""
    r, fm = recency, frequency_monetary
    if r <= 2:
        if fm == 5:
            return RfmSegmentKey.CANT_LOSE
        if fm >= 3:
            return RfmSegmentKey.AT_RISK
        return RfmSegmentKey.LOST if r == 1 and fm == 1 else RfmSegmentKey.HIBERNATING
    if r == 3:
        return RfmSegmentKey.LOYAL if fm >= 4 else RfmSegmentKey.NEED_ATTENTION
    if fm >= 4:
        return RfmSegmentKey.LOYAL if r == 4 else RfmSegmentKey.CHAMPIONS
    if fm >= 2:
        return RfmSegmentKey.POTENTIAL
    return RfmSegmentKey.PROMISING if r == 4 else RfmSegmentKey.NEW


@dataclass(frozen=True)
class CohortCellData:
    months_after: int
    customers: int
    rate: Decimal


@dataclass(frozen=True)
class CohortData:
    month: date
    customers: int
    retention: list[CohortCellData]


@dataclass
class RfmSegmentData:
    segment: RfmSegmentKey
    customers: int = 0
    share: Decimal = Decimal(0)
    monetary: dict[str, Decimal] = field(default_factory=dict)  # per currency
    recency_days_sum: Decimal = Decimal(0)
    frequency_sum: int = 0

    @property
    def average_recency_days(self) -> Decimal | None:
        return self.recency_days_sum / self.customers if self.customers else None

    @property
    def average_frequency(self) -> Decimal | None:
        return Decimal(self.frequency_sum) / self.customers if self.customers else None


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


async def cohorts(
    session: AsyncSession, *, account_ids: Sequence[uuid.UUID] | None, first: date, last: date, today: date
) -> list[CohortData]:
    """Cohorts whose first-order month lies in ``first``..``last``'s months, with a cell per month up to now."""
    rows = await sql_rows(
        session, _COHORTS, first=first.replace(day=1), last=last.replace(day=1), **account_params(account_ids)
    )
    cells: dict[date, dict[int, int]] = {}
    for row in rows:
        cells.setdefault(row.cohort, {})[int(row.months_after)] = int(row.customers)
    found = []
    for month, counts in sorted(cells.items()):
        size = counts.get(0, 0)
        span = max(_months_between(month, today.replace(day=1)), max(counts))
        retention = [
            CohortCellData(n, counts.get(n, 0), Decimal(counts.get(n, 0)) / size if size else Decimal(0))
            for n in range(span + 1)
        ]
        found.append(CohortData(month, size, retention))
    return found


async def rfm_segments(
    session: AsyncSession, *, account_ids: Sequence[uuid.UUID] | None, now: datetime | None = None
) -> list[RfmSegmentData]:
    """Every segment (in the order of ``RfmSegmentKey``), empty ones included."""
    rows = await sql_rows(session, _RFM, now=now or utcnow(), **account_params(account_ids))
    segments = {key: RfmSegmentData(key) for key in RfmSegmentKey}
    for row in rows:
        segment = segments[segment_of(int(row.r), int(row.fm))]
        segment.customers += int(row.customers)
        segment.monetary[row.currency_id] = segment.monetary.get(row.currency_id, Decimal(0)) + Decimal(row.monetary)
        segment.recency_days_sum += Decimal(row.recency_days)
        segment.frequency_sum += int(row.frequency)
    total = sum(s.customers for s in segments.values())
    for segment in segments.values():
        segment.share = Decimal(segment.customers) / total if total else Decimal(0)
    return list(segments.values())
