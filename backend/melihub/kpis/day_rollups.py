"""The local-day mirrors of the hourly rollups: ``kpi_sales_days``, ``kpi_service_days``, ``kpi_logistics_days``.

A day row holds the sums of the hour rows that start on that local day of the tenant (the hour a report by
DAY, WEEK or MONTH puts them in), so a report of months reads a row a day instead of 24 (bench/kpis: three
12-month sums of 43,000 hourly rows each were ≈ 80 ms of the report). Whatever recomputes an hour row
recomputes its day here in the same transaction, under the day's own lock (two upkeeps of different hours
of one day would otherwise each sum without the other's uncommitted hour); the rebuild replaces a slice's
days from its rebuilt hours. Days are in the tenant's zone when written: changing the zone rebuilds them
(``melihub.kpis.zone_change``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis import logistics_rollup, sales_rollup, service_rollup
from melihub.kpis.metrics import local_midnight
from melihub.kpis.sql import excluded, run


@dataclass(frozen=True)
class DayRollup:
    """An hourly rollup table and its day table: the columns that key a row besides the hour, and the sums."""

    name: str
    hours: str
    days: str
    keys: tuple[str, ...]
    key_types: tuple[str, ...]
    figures: tuple[str, ...]

    def _columns(self) -> str:
        return ", ".join((*self.keys, "day", *self.figures))

    def _upsert(self) -> str:
        return f"ON CONFLICT (tenant_id, {', '.join(self.keys)}, day) DO UPDATE SET {excluded(self.figures)}"

    def _sums(self) -> str:
        return ", ".join(f"COALESCE(sum(h.{name}), 0)" for name in self.figures)

    def recompute_sql(self) -> str:
        unnest = ", ".join(f"CAST(:k{n} AS {kind}[])" for n, kind in enumerate(self.key_types))
        names = ", ".join(f"k{n}" for n in range(len(self.keys)))
        matches = " AND ".join(f"h.{column} = k.k{n}" for n, column in enumerate(self.keys))
        return f"""
INSERT INTO {self.days} (id, tenant_id, {self._columns()})
SELECT gen_random_uuid(), CAST(:tenant AS uuid), {names}, k.day, a.*
FROM unnest({unnest}, CAST(:days AS date[]), CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[]))
     AS k({names}, day, day_start, day_end)
CROSS JOIN LATERAL (
    SELECT {self._sums()} FROM {self.hours} h
    WHERE h.tenant_id = CAST(:tenant AS uuid) AND {matches} AND h.hour >= k.day_start AND h.hour < k.day_end
) AS a
{self._upsert()}
"""

    def rebuild_sql(self) -> str:
        keys = ", ".join(f"h.{column}" for column in self.keys)
        return f"""
INSERT INTO {self.days} (id, tenant_id, {self._columns()})
SELECT gen_random_uuid(), CAST(:tenant AS uuid), {keys}, (h.hour AT TIME ZONE :zone)::date, {self._sums()}
FROM {self.hours} h
WHERE h.tenant_id = CAST(:tenant AS uuid) AND h.hour >= :start AND h.hour < :end
GROUP BY {keys}, (h.hour AT TIME ZONE :zone)::date
{self._upsert()}
"""

    def clear_sql(self) -> str:
        return f"DELETE FROM {self.days} WHERE tenant_id = CAST(:tenant AS uuid) AND day >= :first AND day <= :last"


SALES = DayRollup(
    "sales",
    "kpi_sales_hours",
    "kpi_sales_days",
    ("meli_account_id", "currency_id"),
    ("uuid", "text"),
    sales_rollup.FIGURES,
)
SERVICE = DayRollup(
    "service", "kpi_service_hours", "kpi_service_days", ("meli_account_id",), ("uuid",), service_rollup.FIGURES
)
LOGISTICS = DayRollup(
    "logistics", "kpi_logistics_hours", "kpi_logistics_days", ("meli_account_id",), ("uuid",), logistics_rollup.FIGURES
)
DAY_ROLLUPS = (SALES, SERVICE, LOGISTICS)

# (the hour row's keys without the hour, local day): e.g. (account, currency, day) for sales.
DayKey = tuple[Any, ...]


def day_keys(hour_keys: Iterable[tuple[Any, ...]], zone: str) -> list[DayKey]:
    """The local days of these hour keys (``(*keys, hour)``), each once, sorted."""
    tz = ZoneInfo(zone)
    return sorted({(*key[:-1], key[-1].astimezone(tz).date()) for key in hour_keys})


def lock_keys(rollup: DayRollup, keys: Iterable[DayKey]) -> list[str]:
    return [f"{rollup.name}-day|{'|'.join(str(part) for part in key[:-1])}|{key[-1].isoformat()}" for key in keys]


async def recompute(
    session: AsyncSession, rollup: DayRollup, tenant_id: uuid.UUID, zone: str, keys: Sequence[DayKey]
) -> None:
    """Sum each day of ``keys`` again from its hours (after those hours were recomputed)."""
    if not keys:
        return
    tz = ZoneInfo(zone)
    days: list[date] = [key[-1] for key in keys]
    bounds: dict[date, datetime] = {}
    for day in {*days, *(d + timedelta(days=1) for d in days)}:
        bounds[day] = local_midnight(day, tz)
    params: dict[str, Any] = {f"k{n}": [key[n] for key in keys] for n in range(len(rollup.keys))}
    params.update(
        days=days,
        starts=[bounds[day] for day in days],
        ends=[bounds[day + timedelta(days=1)] for day in days],
    )
    await run(session, rollup.recompute_sql(), tenant=tenant_id, **params)


async def rebuild(
    session: AsyncSession, tenant_id: uuid.UUID, zone: str, first: date, last: date, start: datetime, end: datetime
) -> None:
    """Replace local days ``first``..``last`` (the UTC span ``start``..``end``) from their rebuilt hours."""
    for rollup in DAY_ROLLUPS:
        await run(session, rollup.clear_sql(), tenant=tenant_id, first=first, last=last)
        await run(session, rollup.rebuild_sql(), tenant=tenant_id, zone=zone, start=start, end=end)


# Every rollup keyed by local day: what a change of zone moves.
DAY_TABLES = ("kpi_listing_days", "kpi_account_days", *(rollup.days for rollup in DAY_ROLLUPS))


async def clear_outside(session: AsyncSession, tenant_id: uuid.UUID, first: date, last: date) -> None:
    """Delete the day rows before ``first`` and after ``last`` (a whole rebuild: another zone's edge days)."""
    for table in DAY_TABLES:
        statement = f"DELETE FROM {table} WHERE tenant_id = CAST(:tenant AS uuid) AND (day < :first OR day > :last)"
        await run(session, statement, tenant=tenant_id, first=first, last=last)
