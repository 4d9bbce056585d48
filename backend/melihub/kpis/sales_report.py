"""SALES metrics of a range from ``kpi_sales_hours`` (docs/kpis.md has the definitions)."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis import day_rollups
from melihub.kpis.figures import BucketKey, Figures, sums
from melihub.kpis.metrics import Granularity, LocalRange, MetricData, MetricGroup, MetricKey, MetricUnit, ratio

NAMES = ("orders", "units", "gmv", "sales", "cancelled", "refunds", "refunded_amount")
SALES = MetricGroup.SALES


async def sales_figures(
    session: AsyncSession, params: dict[str, Any], range_: LocalRange, granularity: Granularity
) -> Figures:
    return await sums(session, day_rollups.SALES, NAMES, params, range_, granularity, currency=True)


def sales_metrics(figures: Figures, currencies: list[str]) -> list[MetricData]:
    def money(name: str) -> Any:
        return lambda bucket, currency: figures.get(bucket, name, currency)

    def count(name: str) -> Any:
        return lambda bucket, _currency: figures.get(bucket, name)

    def ticket(bucket: BucketKey | None, currency: str | None) -> Any:
        return ratio(figures.get(bucket, "gmv", currency), figures.get(bucket, "sales", currency))

    def cancellation(bucket: BucketKey | None, _currency: str | None) -> Any:
        cancelled = figures.get(bucket, "cancelled")
        return ratio(cancelled, figures.get(bucket, "orders") + cancelled)

    metrics = [figures.metric(MetricKey.GMV, SALES, MetricUnit.MONEY, money("gmv"), c) for c in currencies]
    metrics.append(figures.metric(MetricKey.ORDERS, SALES, MetricUnit.COUNT, count("orders")))
    metrics.append(figures.metric(MetricKey.UNITS, SALES, MetricUnit.COUNT, count("units")))
    metrics += [figures.metric(MetricKey.AVERAGE_TICKET, SALES, MetricUnit.MONEY, ticket, c) for c in currencies]
    metrics.append(figures.metric(MetricKey.CANCELLATION_RATE, SALES, MetricUnit.RATIO, cancellation))
    metrics.append(figures.metric(MetricKey.REFUNDS, SALES, MetricUnit.COUNT, count("refunds")))
    metrics += [
        figures.metric(MetricKey.REFUNDED_AMOUNT, SALES, MetricUnit.MONEY, money("refunded_amount"), c)
        for c in currencies
    ]
    return metrics
