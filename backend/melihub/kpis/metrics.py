"""The shapes every KPI producer returns, and the calendar they are measured on.

``kpi_report`` (queries.py) assembles a report from ``MetricData`` built by the sales, service and
logistics readers of this package and by the stock and funnel readers (``stock.py``, ``funnel.py``).
A producer fills ``key``, ``group``, ``unit``, ``currency`` (MONEY metrics only), ``total`` and
``series``; the report adds the comparison (``previous`` of the metric and of each point) itself by asking
the producer again for the compared range and pairing the series by index.

``LocalRange`` is a ``KpiRange``: two inclusive local dates in the tenant's zone, from local midnight of
``first`` to the local midnight after ``last``. ``bucket_starts`` is the one definition of a series' points
(oldest first; weeks start on Monday, the week of ``first`` included), so every producer's series lines up.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

MAX_RANGE_DAYS = 400
MAX_HOUR_RANGE_DAYS = 7
DEFAULT_TIME_ZONE = "America/Sao_Paulo"


class Granularity(StrEnum):
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


class Comparison(StrEnum):
    PREVIOUS_PERIOD = "PREVIOUS_PERIOD"
    PREVIOUS_YEAR = "PREVIOUS_YEAR"


class MetricGroup(StrEnum):
    SALES = "SALES"
    SERVICE = "SERVICE"
    LOGISTICS = "LOGISTICS"
    STOCK = "STOCK"
    FUNNEL = "FUNNEL"


class MetricUnit(StrEnum):
    MONEY = "MONEY"
    COUNT = "COUNT"
    RATIO = "RATIO"
    SECONDS = "SECONDS"
    DAYS = "DAYS"


class MetricKey(StrEnum):
    GMV = "GMV"
    ORDERS = "ORDERS"
    UNITS = "UNITS"
    AVERAGE_TICKET = "AVERAGE_TICKET"
    CANCELLATION_RATE = "CANCELLATION_RATE"
    REFUNDS = "REFUNDS"
    REFUNDED_AMOUNT = "REFUNDED_AMOUNT"
    QUESTION_RESPONSE_P50 = "QUESTION_RESPONSE_P50"
    QUESTION_RESPONSE_P90 = "QUESTION_RESPONSE_P90"
    QUESTION_SLA_COMPLIANCE = "QUESTION_SLA_COMPLIANCE"
    MESSAGE_FIRST_REPLY_P50 = "MESSAGE_FIRST_REPLY_P50"
    FILL_RATE = "FILL_RATE"
    AVERAGE_HANDLING_TIME = "AVERAGE_HANDLING_TIME"
    LATE_SHIPMENTS = "LATE_SHIPMENTS"
    NOT_DELIVERED = "NOT_DELIVERED"
    RETURNS = "RETURNS"
    OUT_OF_STOCK_SELLING = "OUT_OF_STOCK_SELLING"
    DAYS_OUT_OF_STOCK = "DAYS_OUT_OF_STOCK"
    STOCK_TURNOVER = "STOCK_TURNOVER"
    STOCK_COVERAGE_DAYS = "STOCK_COVERAGE_DAYS"
    VISITS = "VISITS"
    QUESTIONS_ASKED = "QUESTIONS_ASKED"
    VISIT_CONVERSION = "VISIT_CONVERSION"


_GROUPS = {
    MetricGroup.SALES: "GMV ORDERS UNITS AVERAGE_TICKET CANCELLATION_RATE REFUNDS REFUNDED_AMOUNT",
    MetricGroup.SERVICE: "QUESTION_RESPONSE_P50 QUESTION_RESPONSE_P90 QUESTION_SLA_COMPLIANCE MESSAGE_FIRST_REPLY_P50",
    MetricGroup.LOGISTICS: "FILL_RATE AVERAGE_HANDLING_TIME LATE_SHIPMENTS NOT_DELIVERED RETURNS",
    MetricGroup.STOCK: "OUT_OF_STOCK_SELLING DAYS_OUT_OF_STOCK STOCK_TURNOVER STOCK_COVERAGE_DAYS",
    MetricGroup.FUNNEL: "VISITS QUESTIONS_ASKED VISIT_CONVERSION",
}
GROUP_OF: dict[MetricKey, MetricGroup] = {
    MetricKey(key): group for group, keys in _GROUPS.items() for key in keys.split()
}


@dataclass(frozen=True)
class LocalRange:
    """Inclusive local dates ``first``..``last`` in ``time_zone``."""

    first: date
    last: date
    time_zone: str = DEFAULT_TIME_ZONE

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> datetime:
        """Local midnight of ``first``, in UTC."""
        return local_midnight(self.first, self.zone)

    @property
    def end(self) -> datetime:
        """The local midnight after ``last``, in UTC (exclusive)."""
        return local_midnight(self.last + timedelta(days=1), self.zone)

    def shifted(self, comparison: Comparison) -> LocalRange:
        """The range a report compares with: the same number of days just before, or a year before."""
        if comparison is Comparison.PREVIOUS_PERIOD:
            return replace(self, first=self.first - timedelta(days=self.days), last=self.first - timedelta(days=1))
        return replace(self, first=_year_before(self.first), last=_year_before(self.last))


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def bucket_start(day: date, granularity: Granularity) -> date:
    """The local date a day's DAY/WEEK/MONTH bucket starts on."""
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day


def bucket_starts(range_: LocalRange, granularity: Granularity) -> list[datetime]:
    """Every bucket of the range, oldest first, as aware local datetimes (the zone of the range)."""
    zone = range_.zone
    if granularity is Granularity.HOUR:
        hours = int((range_.end - range_.start).total_seconds() // 3600)
        return [(range_.start + timedelta(hours=n)).astimezone(zone) for n in range(hours)]
    starts: list[datetime] = []
    day = bucket_start(range_.first, granularity)
    while day <= range_.last:
        starts.append(datetime.combine(day, time(0), tzinfo=zone))
        day = _next_bucket(day, granularity)
    return starts


def _next_bucket(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return day + timedelta(days=7)
    if granularity is Granularity.MONTH:
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


@dataclass(frozen=True)
class PointData:
    """One bucket of a series: ``start`` is the bucket's local start; ``value`` None when undefined."""

    start: datetime
    value: Decimal | None
    previous: Decimal | None = None


@dataclass
class MetricData:
    key: MetricKey
    group: MetricGroup
    unit: MetricUnit
    total: Decimal | None
    series: list[PointData] = field(default_factory=list)
    currency: str | None = None  # MONEY metrics only: one MetricData per currency
    previous: Decimal | None = None  # set by the report when it compares

    @property
    def delta(self) -> Decimal | None:
        if self.total is None or self.previous is None:
            return None
        return self.total - self.previous

    @property
    def delta_ratio(self) -> Decimal | None:
        if self.total is None or not self.previous:
            return None
        return (self.total - self.previous) / self.previous


def ratio(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    """A rate, or None over zero (an undefined rate is no value, not 0)."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)
