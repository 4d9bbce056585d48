"""The `kpis` report as GraphQL types; the enums are ``melihub.kpis.metrics``'s."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry

from melihub.kpis.metrics import Comparison, Granularity, LocalRange, MetricData, MetricGroup, MetricKey, MetricUnit
from melihub.kpis.queries import KpiReportData

KpiGranularity = strawberry.enum(Granularity, name="KpiGranularity", description="The buckets of a series.")
KpiComparison = strawberry.enum(
    Comparison,
    name="KpiComparison",
    description="What a report compares with: the same number of days just before, or the same dates a year before.",
)
KpiGroup = strawberry.enum(MetricGroup, name="KpiGroup", description="A family of metrics (docs/kpis.md).")
KpiUnit = strawberry.enum(MetricUnit, name="KpiUnit", description="What a metric's values measure.")
KpiMetricKey = strawberry.enum(MetricKey, name="KpiMetricKey", description="A metric; docs/kpis.md defines each.")


@strawberry.input(name="KpiRange", description="Two dates, both inclusive, in the tenant's time zone; ≤ 400 days.")
class KpiRangeInput:
    from_: dt.date = strawberry.field(name="from")
    to: dt.date


@strawberry.type(description="Two dates, both inclusive, in the tenant's time zone.")
class KpiDateRange:
    from_: dt.date = strawberry.field(name="from")
    to: dt.date

    @classmethod
    def of(cls, range_: LocalRange) -> KpiDateRange:
        return cls(from_=range_.first, to=range_.last)


@strawberry.type(description="One bucket of a series.")
class KpiPoint:
    start: dt.datetime = strawberry.field(description="The bucket's start, in the tenant's time zone.")
    value: Decimal | None = strawberry.field(description="Null when undefined (a rate over zero, no data).")
    previous: Decimal | None = strawberry.field(
        description="The compared range's point of the same index; null without compareTo."
    )


@strawberry.type(description="One metric of a report: its total over the range, its series and the comparison.")
class KpiMetric:
    key: MetricKey
    group: MetricGroup
    unit: MetricUnit
    currency: str | None = strawberry.field(description="MONEY metrics: one KpiMetric per currency; else null.")
    total: Decimal | None = strawberry.field(description="Over the whole range; null when undefined.")
    previous: Decimal | None = strawberry.field(description="The compared range's total; null without compareTo.")
    delta: Decimal | None = strawberry.field(description="total - previous.")
    delta_ratio: Decimal | None = strawberry.field(description="(total - previous) / previous; null if previous is 0.")
    series: list[KpiPoint] = strawberry.field(
        description="One point per bucket of the granularity, oldest first ([] for point-in-time metrics)."
    )

    @classmethod
    def of(cls, metric: MetricData) -> KpiMetric:
        return cls(
            key=metric.key,
            group=metric.group,
            unit=metric.unit,
            currency=metric.currency,
            total=metric.total,
            previous=metric.previous,
            delta=metric.delta,
            delta_ratio=metric.delta_ratio,
            series=[KpiPoint(start=p.start, value=p.value, previous=p.previous) for p in metric.series],
        )


@strawberry.type(description="A range's metrics, per account limits of the caller (docs/kpis.md).")
class KpiReport:
    range: KpiDateRange
    compared_range: KpiDateRange | None
    granularity: Granularity
    time_zone: str = strawberry.field(description="The tenant's zone the dates and buckets are read in.")
    currencies: list[str] = strawberry.field(description="Currencies of the sales of the range (and compared range).")
    generated_at: dt.datetime
    all_metrics: strawberry.Private[list[MetricData]]

    @strawberry.field(description="The metrics, optionally only of these groups or keys.")
    def metrics(
        self,
        groups: Annotated[list[MetricGroup] | None, strawberry.argument(description="Only these groups.")] = None,
        keys: Annotated[list[MetricKey] | None, strawberry.argument(description="Only these metrics.")] = None,
    ) -> list[KpiMetric]:
        return [
            KpiMetric.of(metric)
            for metric in self.all_metrics
            if (groups is None or metric.group in groups) and (keys is None or metric.key in keys)
        ]

    @classmethod
    def of(cls, report: KpiReportData) -> KpiReport:
        return cls(
            range=KpiDateRange.of(report.range_),
            compared_range=KpiDateRange.of(report.compared_range) if report.compared_range else None,
            granularity=report.granularity,
            time_zone=report.time_zone,
            currencies=report.currencies,
            generated_at=report.generated_at,
            all_metrics=report.metrics,
        )
