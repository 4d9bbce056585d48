"""Reading the rollups back: sums per bucket of a series (and per currency), and the totals.

``sums`` runs one ``GROUP BY`` over a rollup table: a row per (bucket, currency), the bucket being the
local DAY, WEEK or MONTH a day row falls in (``melihub.kpis.day_rollups``: the hours starting on each local
day, summed), or the hour itself (HOUR, from the hourly table); the range's totals are the buckets' sums
added up. ``Figures`` then builds a metric's total and series from those sums.

A row finds its local bucket by ``width_bucket`` over the buckets' UTC starts (``:bounds``, computed here
from the tenant's zone), not by ``date_trunc(… AT TIME ZONE zone)``: PostgreSQL resolves the zone for every
row, ≈ 2 µs each, which was most of a 12-month report (bench/kpis: 44,000 hourly rows a table, 85,000
answers for the percentiles).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.day_rollups import DayRollup
from melihub.kpis.metrics import (
    Granularity,
    LocalRange,
    MetricData,
    MetricGroup,
    MetricKey,
    MetricUnit,
    PointData,
    bucket_starts,
    local_midnight,
)
from melihub.kpis.sql import run

BucketKey = date | datetime
ZERO = Decimal(0)
ACCOUNTS = "(CAST(:all_accounts AS boolean) OR meli_account_id = ANY(CAST(:accounts AS uuid[])))"


def bucket_sql(column: str, granularity: Granularity, *, hourly: bool = True) -> str:
    """The SQL of a row's bucket: a UTC hour (HOUR), else the 1-based index of its local bucket (``:bounds``);
    :meth:`Figures.key_of` turns either into the key a series uses."""
    if granularity is Granularity.HOUR:
        return column if hourly else f"date_trunc('hour', {column}, 'UTC')"
    return f"width_bucket({column}, CAST(:bounds AS timestamptz[]))"


def bucket_key(start: datetime, granularity: Granularity) -> BucketKey:
    return start if granularity is Granularity.HOUR else start.date()


def bucket_bounds(range_: LocalRange, granularity: Granularity) -> list[datetime]:
    """The UTC instant each DAY/WEEK/MONTH bucket starts at (its local midnight), for ``width_bucket``."""
    if granularity is Granularity.HOUR:
        return []
    return [local_midnight(start.date(), range_.zone) for start in bucket_starts(range_, granularity)]


def base_params(
    tenant_id: uuid.UUID, range_: LocalRange, account_ids: Sequence[uuid.UUID] | None, granularity: Granularity
) -> dict[str, Any]:
    return {
        "tenant": tenant_id,
        "zone": range_.time_zone,
        "start": range_.start,
        "end": range_.end,
        "bounds": bucket_bounds(range_, granularity),
        "day_first": range_.first,
        "day_last": range_.last,
        "day_bounds": [] if granularity is Granularity.HOUR else [s.date() for s in bucket_starts(range_, granularity)],
        "all_accounts": account_ids is None,
        "accounts": list(account_ids or []),
    }


@dataclass
class Figures:
    """Summed figures by (bucket, currency); bucket None is the whole range."""

    range_: LocalRange
    granularity: Granularity
    values: dict[tuple[BucketKey | None, str], dict[str, Decimal]] = field(default_factory=dict)

    @property
    def currencies(self) -> list[str]:
        return sorted({currency for _, currency in self.values if currency})

    _all_currencies: dict[BucketKey | None, dict[str, Decimal]] | None = None
    _keys: list[BucketKey] | None = None

    def key_of(self, raw: Any) -> BucketKey | None:
        """The series key of a bucket as :func:`bucket_sql` gave it (None: the whole range's row)."""
        if raw is None or self.granularity is Granularity.HOUR:
            return raw
        if self._keys is None:
            self._keys = [bucket_key(start, self.granularity) for start in bucket_starts(self.range_, self.granularity)]
        return self._keys[raw - 1]

    def get(self, bucket: BucketKey | None, name: str, currency: str | None = None) -> Decimal:
        """A figure of one currency, or summed over all (``currency`` None)."""
        if currency is not None:
            return self.values.get((bucket, currency), {}).get(name, ZERO)
        if self._all_currencies is None:
            summed: dict[BucketKey | None, dict[str, Decimal]] = {}
            for (at, _), row in self.values.items():
                into = summed.setdefault(at, {})
                for key, value in row.items():
                    into[key] = into.get(key, ZERO) + value
            self._all_currencies = summed
        return self._all_currencies.get(bucket, {}).get(name, ZERO)

    def metric(
        self,
        key: MetricKey,
        group: MetricGroup,
        unit: MetricUnit,
        value: Callable[[BucketKey | None, str | None], Decimal | None],
        currency: str | None = None,
    ) -> MetricData:
        series = [
            PointData(start, value(bucket_key(start, self.granularity), currency))
            for start in bucket_starts(self.range_, self.granularity)
        ]
        return MetricData(key, group, unit, value(None, currency), series, currency)


async def sums(
    session: AsyncSession,
    rollup: DayRollup,
    names: Sequence[str],
    params: dict[str, Any],
    range_: LocalRange,
    granularity: Granularity,
    *,
    currency: bool = False,
) -> Figures:
    """The rollup's sums by bucket: its hour rows for HOUR, else its day rows (whole local days)."""
    if granularity is Granularity.HOUR:
        table, bucket, span = rollup.hours, bucket_sql("hour", granularity), "hour >= :start AND hour < :end"
    else:
        table, bucket = rollup.days, "width_bucket(day, CAST(:day_bounds AS date[]))"
        span = "day >= :day_first AND day <= :day_last"
    currency_sql = "currency_id" if currency else "''"
    statement = f"""
        SELECT bucket, currency, {", ".join(f"sum({n})" for n in names)}
        FROM (
            SELECT {bucket} AS bucket, {currency_sql} AS currency, {", ".join(names)} FROM {table}
            WHERE tenant_id = CAST(:tenant AS uuid) AND {span} AND {ACCOUNTS}
        ) AS r
        GROUP BY bucket, currency
    """
    figures = Figures(range_, granularity)
    for row in await run(session, statement, **params):
        sums_ = {n: Decimal(v or 0) for n, v in zip(names, row[2:], strict=True)}
        figures.values[(figures.key_of(row[0]), row[1])] = sums_
        total = figures.values.setdefault((None, row[1]), {})
        for name, value in sums_.items():  # the range's total of a sum is the sum of its buckets'
            total[name] = total.get(name, ZERO) + value
    return figures
