"""LOGISTICS metrics of a range from ``kpi_logistics_hours``, with the open shipments late by now.

An open shipment counts as late in the bucket of its ``handling_limit`` once that limit is past: the
rollup's ``open_late`` of the hours already gone, plus, for the hour running now, the open shipments whose
limit passed in it (read from ``shipments`` through its partial index of open shipments).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis import day_rollups
from melihub.kpis.figures import ACCOUNTS, BucketKey, Figures, bucket_sql, sums
from melihub.kpis.metrics import Granularity, LocalRange, MetricData, MetricGroup, MetricKey, MetricUnit, ratio
from melihub.kpis.sql import OPEN, run

NAMES = ("dispatched", "dispatched_on_time", "handling_seconds", "dispatched_late", "not_delivered", "returns")
LOGISTICS = MetricGroup.LOGISTICS


def _open_late_statement(granularity: Granularity) -> str:
    bucket = bucket_sql("handling_limit", granularity, hourly=False)
    return f"""
        SELECT bucket, '' AS currency, count(*) AS open_late
        FROM (
            SELECT {bucket} AS bucket FROM shipments
            WHERE tenant_id = CAST(:tenant AS uuid) AND status IN {OPEN} AND {ACCOUNTS}
              AND handling_limit >= :late_start AND handling_limit < :late_end
        ) AS s
        GROUP BY GROUPING SETS ((bucket), ())
    """


async def logistics_figures(
    session: AsyncSession, params: dict[str, Any], range_: LocalRange, granularity: Granularity, now: datetime
) -> Figures:
    figures = await sums(session, day_rollups.LOGISTICS, NAMES, params, range_, granularity)
    # Open shipments late by now: every one whose limit is past, from the raw rows (partial index).
    late_end = min(range_.end, now.astimezone(UTC))
    if late_end > range_.start:
        rows = await run(
            session, _open_late_statement(granularity), **params, late_start=range_.start, late_end=late_end
        )
        for bucket, currency, late in rows:
            key = figures.key_of(bucket)
            figures.values.setdefault((key, currency), {})["open_late"] = Decimal(late)
    return figures


def logistics_metrics(figures: Figures) -> list[MetricData]:
    def value(name: str) -> Any:
        return lambda bucket, _c: figures.get(bucket, name)

    def fill_rate(bucket: BucketKey | None, _c: str | None) -> Decimal | None:
        return ratio(figures.get(bucket, "dispatched_on_time"), figures.get(bucket, "dispatched"))

    def handling(bucket: BucketKey | None, _c: str | None) -> Decimal | None:
        return ratio(figures.get(bucket, "handling_seconds"), figures.get(bucket, "dispatched"))

    def late(bucket: BucketKey | None, _c: str | None) -> Decimal:
        return figures.get(bucket, "dispatched_late") + figures.get(bucket, "open_late")

    return [
        figures.metric(MetricKey.FILL_RATE, LOGISTICS, MetricUnit.RATIO, fill_rate),
        figures.metric(MetricKey.AVERAGE_HANDLING_TIME, LOGISTICS, MetricUnit.SECONDS, handling),
        figures.metric(MetricKey.LATE_SHIPMENTS, LOGISTICS, MetricUnit.COUNT, late),
        figures.metric(MetricKey.NOT_DELIVERED, LOGISTICS, MetricUnit.COUNT, value("not_delivered")),
        figures.metric(MetricKey.RETURNS, LOGISTICS, MetricUnit.COUNT, value("returns")),
    ]
