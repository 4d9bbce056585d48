"""Stock metrics: ruptura, days at zero, giro (turnover) and coverage, from stock periods and listing days.

Definitions (docs/kpis.md, "Stock"): every metric reads the listings of the selected accounts that are not
``closed`` now (a closed listing cannot sell again, only be relisted), and a listing's own stock (its
periods with ``variation_ml_id`` null; the listing's ``available_quantity`` is its variations' sum).

- ``OUT_OF_STOCK_SELLING``: listings at 0 now with units sold in the last 30 local days (today included).
- ``DAYS_OUT_OF_STOCK``: listing-days at 0 in each bucket, time-weighted (12 hours at 0 is 0.5 day).
- ``STOCK_TURNOVER``: units sold in the bucket / the time-weighted average of the listings' total stock
  over the bucket's elapsed part; None without elapsed time or with no stock. Units are those of every
  listing but the closed ones (one melihub has not stored yet counts), by local day (``kpi_account_days``
  less the closed listings' ``kpi_listing_days``), so HOUR points are None (the total is still the range's).
- ``STOCK_COVERAGE_DAYS``: current stock / (units sold in the last 30 local days / 30, units as for the
  turnover); None with no sales.
Stock before melihub first stored a listing is unknown and counts as none.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.kpis.buckets import Bucket, account_filter, account_params, buckets, day_spans, span_params
from melihub.kpis.metrics import Granularity, LocalRange, MetricData, MetricGroup, MetricKey, MetricUnit, PointData
from melihub.kpis.sql_rows import sql_rows
from melihub.kpis.stock_periods import rebuild_stock, record_listings

__all__ = ["rebuild_stock", "record_listings", "stock_metrics"]

DAY_SECONDS = Decimal(86400)
PERIOD_FIGURES = ("elapsed", "zero_seconds", "stock_seconds")
RECENT_DAYS = 30

_OPEN_LISTING = "i.status <> 'closed'"
_OF_LISTING = "d.tenant_id = i.tenant_id AND d.meli_account_id = i.meli_account_id AND d.item_ml_id = i.ml_id"
# Units of every listing but the closed ones over :first..:last = these two sums (the closed are few).
_EVERY_LISTING_DAYS = f"""kpi_account_days a
    WHERE a.day BETWEEN :first AND :last AND {account_filter("a.meli_account_id")}"""
_CLOSED_LISTING_DAYS = f"""items i JOIN kpi_listing_days d ON {_OF_LISTING} AND d.day BETWEEN :first AND :last
    WHERE i.status = 'closed' AND {account_filter("i.meli_account_id")}"""

# Per bucket: seconds at zero, and the integral of stock over its elapsed part (quantity x seconds).
_PERIODS = text(
    f"""
    WITH b AS (
        SELECT * FROM unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) WITH ORDINALITY
        AS b(start, finish, n)
    ),
    overlap AS (
        SELECT b.n, p.quantity,
               greatest(0, extract(epoch FROM least(coalesce(p.until, :now), b.finish, :now)
                                             - greatest(p.since, b.start))) AS seconds
        FROM b
        JOIN stock_periods p ON p.variation_ml_id IS NULL AND p.since < b.finish
             AND (p.until IS NULL OR p.until > b.start) AND {account_filter("p.meli_account_id")}
        JOIN items i ON i.id = p.listing_id AND {_OPEN_LISTING}
    )
    SELECT b.n, extract(epoch FROM greatest(least(b.finish, :now) - b.start, interval '0')) AS elapsed,
           coalesce(sum(o.seconds) FILTER (WHERE o.quantity = 0), 0) AS zero_seconds,
           coalesce(sum(o.seconds * o.quantity), 0) AS stock_seconds
    FROM b LEFT JOIN overlap o ON o.n = b.n
    GROUP BY b.n, b.start, b.finish ORDER BY b.n
    """
)

# Units sold of the open listings per local day, once over the whole span, then per bucket of days: every
# listing's units (the account days) less those of the closed ones, which are few and read one by one.
_UNITS = text(
    f"""
    WITH b AS (
        SELECT * FROM unnest(CAST(:firsts AS date[]), CAST(:lasts AS date[])) WITH ORDINALITY AS b(first, last, n)
    ),
    every_day AS (SELECT a.day, sum(a.units) AS units FROM {_EVERY_LISTING_DAYS} GROUP BY a.day),
    closed_day AS (SELECT d.day, sum(d.units) AS units FROM {_CLOSED_LISTING_DAYS} GROUP BY d.day),
    days AS (
        SELECT e.day, e.units - coalesce(c.units, 0) AS units FROM every_day e LEFT JOIN closed_day c ON c.day = e.day
    )
    SELECT b.n, coalesce(sum(days.units), 0) AS units
    FROM b LEFT JOIN days ON days.day BETWEEN b.first AND b.last
    GROUP BY b.n ORDER BY b.n
    """
)

# Today's figures: the open listings' stock; units of the last 30 days as the turnover counts them (every
# listing's, less the closed ones'); and the open listings at 0 that sold in them, each looked up by key.
_NOW = text(
    f"""
    SELECT
        (SELECT coalesce(sum(i.available_quantity), 0) FROM items i
         WHERE {_OPEN_LISTING} AND {account_filter("i.meli_account_id")}) AS stock,
        (SELECT coalesce(sum(a.units), 0) FROM {_EVERY_LISTING_DAYS})
        - (SELECT coalesce(sum(d.units), 0) FROM {_CLOSED_LISTING_DAYS}) AS units,
        (SELECT count(*) FROM items i
         WHERE {_OPEN_LISTING} AND i.available_quantity = 0 AND {account_filter("i.meli_account_id")}
           AND EXISTS (
               SELECT 1 FROM kpi_listing_days d WHERE {_OF_LISTING} AND d.day BETWEEN :first AND :last AND d.units > 0
           )) AS out_of_stock_selling
    """
)


async def stock_metrics(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    account_ids: Sequence[uuid.UUID] | None,
    range_: LocalRange,
    granularity: Granularity,
    time_zone: str,
    now: datetime | None = None,
) -> list[MetricData]:
    """The four stock metrics of ``range_`` (row-level security keeps the session to ``tenant_id``)."""
    now = now or utcnow()
    accounts = account_params(account_ids)
    series = buckets(range_, granularity)
    per_bucket = await _period_rows(session, series, now, accounts)
    # The buckets partition the range, so its totals are their sums (one read of the periods, not two).
    totals = {name: sum((row[name] for row in per_bucket), Decimal(0)) for name in PERIOD_FIGURES}
    days_at_zero = [
        PointData(b.point, row["zero_seconds"] / DAY_SECONDS) for b, row in zip(series, per_bucket, strict=True)
    ]
    daily = [b for b in series if b.first is not None]
    units = await _units(session, day_spans(range_, daily), accounts)
    units_of = dict(zip((b.point for b in daily), units, strict=True)) if daily else {}
    turnover = [
        PointData(b.point, _turnover(units_of.get(b.point), row)) for b, row in zip(series, per_bucket, strict=True)
    ]
    range_units = sum(units)
    current = await _current(session, ZoneInfo(time_zone), now, accounts)
    return [
        _metric(MetricKey.OUT_OF_STOCK_SELLING, MetricUnit.COUNT, Decimal(current["out_of_stock_selling"]), []),
        _metric(MetricKey.DAYS_OUT_OF_STOCK, MetricUnit.DAYS, totals["zero_seconds"] / DAY_SECONDS, days_at_zero),
        _metric(MetricKey.STOCK_TURNOVER, MetricUnit.RATIO, _turnover(range_units, totals), turnover),
        _metric(MetricKey.STOCK_COVERAGE_DAYS, MetricUnit.DAYS, _coverage(current), []),
    ]


def _metric(key: MetricKey, unit: MetricUnit, total: Decimal | None, series: list[PointData]) -> MetricData:
    return MetricData(key=key, group=MetricGroup.STOCK, unit=unit, total=total, series=series)


async def _period_rows(
    session: AsyncSession, series: list[Bucket], now: datetime, accounts: dict[str, Any]
) -> list[dict[str, Decimal]]:
    starts, ends = [b.start for b in series], [b.end for b in series]
    rows = await sql_rows(session, _PERIODS, starts=starts, ends=ends, now=now, **accounts)
    return [{name: Decimal(getattr(row, name)) for name in PERIOD_FIGURES} for row in rows]


async def _units(session: AsyncSession, spans: list[tuple[date, date]], accounts: dict[str, Any]) -> list[int]:
    """Units sold in each span of local days (:func:`buckets.day_spans`)."""
    rows = await sql_rows(session, _UNITS, **span_params(spans), **accounts)
    return [int(row.units) for row in rows]


def _turnover(units: int | None, row: dict[str, Decimal]) -> Decimal | None:
    if units is None or not row["elapsed"] or not row["stock_seconds"]:
        return None
    return Decimal(units) / (row["stock_seconds"] / row["elapsed"])


async def _current(session: AsyncSession, zone: ZoneInfo, now: datetime, accounts: dict[str, Any]) -> dict[str, int]:
    """Today's stock figures, read once per session: a report and its compared range show the same ones."""
    today = now.astimezone(zone).date()
    key = ("kpis.stock.current", today, accounts["all_accounts"], tuple(sorted(accounts["accounts"])))
    known: dict[str, int] | None = session.info.get(key)
    if known is None:
        first = today - timedelta(days=RECENT_DAYS - 1)
        row = (await sql_rows(session, _NOW, first=first, last=today, **accounts))[0]
        known = {"stock": int(row.stock), "units": int(row.units)}
        known["out_of_stock_selling"] = int(row.out_of_stock_selling)
        session.info[key] = known
    return known


def _coverage(current: dict[str, int]) -> Decimal | None:
    if not current["units"]:
        return None
    return Decimal(current["stock"]) / (Decimal(current["units"]) / RECENT_DAYS)
