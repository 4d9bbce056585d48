"""``kpi_report``: a range's metrics, each with its series and, on request, the compared range's.

Everything is aggregated by PostgreSQL over the rollups (SALES, SERVICE, LOGISTICS: ``figures``), the
percentiles over the range's raw answers and first replies; STOCK and FUNNEL come from
``melihub.kpis.stock`` and ``melihub.kpis.funnel``. A report is limited to the tenant (row-level security
and ``tenant_id``) and to the accounts the caller may, and asked to, see (``db.paging.account_scope``).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.paging import account_scope
from melihub.errors import DomainError
from melihub.kpis.figures import Figures, base_params
from melihub.kpis.funnel import funnel_metrics
from melihub.kpis.logistics_report import logistics_figures, logistics_metrics
from melihub.kpis.metrics import (
    DEFAULT_TIME_ZONE,
    MAX_HOUR_RANGE_DAYS,
    MAX_RANGE_DAYS,
    Comparison,
    Granularity,
    LocalRange,
    MetricData,
    MetricGroup,
    PointData,
)
from melihub.kpis.sales_report import sales_figures, sales_metrics
from melihub.kpis.service_report import service_figures, service_metrics
from melihub.kpis.sql import run
from melihub.kpis.stock import stock_metrics

ALL_GROUPS = frozenset(MetricGroup)
TIME_ZONE = "SELECT time_zone FROM tenants WHERE id = CAST(:tenant AS uuid)"
# The groups read from their own tables, each ``(session, *, tenant_id, account_ids, range_, granularity,
# time_zone) -> list[MetricData]``.
PRODUCERS: tuple[tuple[MetricGroup, Callable[..., Awaitable[list[MetricData]]]], ...] = (
    (MetricGroup.STOCK, stock_metrics),
    (MetricGroup.FUNNEL, funnel_metrics),
)


@dataclass
class KpiReportData:
    range_: LocalRange
    compared_range: LocalRange | None
    granularity: Granularity
    time_zone: str
    currencies: list[str]
    generated_at: datetime
    metrics: list[MetricData] = field(default_factory=list)


def check_range(first: date, last: date, granularity: Granularity) -> None:
    """``DomainError`` (field ``range``/``granularity``) for a range a report is not made for."""
    if first > last:
        raise DomainError("range.from must be on or before range.to", field="range", code="INVALID_RANGE")
    days = (last - first).days + 1
    if days > MAX_RANGE_DAYS:
        raise DomainError(
            f"a range spans at most {MAX_RANGE_DAYS} days (this one has {days})", field="range", code="RANGE_TOO_LONG"
        )
    if granularity is Granularity.HOUR and days > MAX_HOUR_RANGE_DAYS:
        raise DomainError(
            f"HOUR granularity is for ranges of at most {MAX_HOUR_RANGE_DAYS} days (this one has {days})",
            field="granularity",
            code="RANGE_TOO_LONG",
        )


async def tenant_time_zone(session: AsyncSession, tenant_id: uuid.UUID) -> str:
    rows = await run(session, TIME_ZONE, tenant=tenant_id)
    return str(rows[0][0]) if rows and rows[0][0] else DEFAULT_TIME_ZONE


async def kpi_report(
    session: AsyncSession,
    *,
    principal: Principal,
    range_: LocalRange,
    account_ids: Sequence[uuid.UUID] | None,
    granularity: Granularity = Granularity.DAY,
    compare_to: Comparison | None = None,
    groups: Collection[MetricGroup] | None = None,
) -> KpiReportData:
    """The report of ``range_`` (its dates read in the tenant's zone, whatever ``range_.time_zone`` says)."""
    principal.require(Permission.READ)
    check_range(range_.first, range_.last, granularity)
    zone = await tenant_time_zone(session, principal.tenant_id)
    current = replace(range_, time_zone=zone)
    compared = current.shifted(compare_to) if compare_to is not None else None
    accounts = account_scope(principal, account_ids)
    wanted = frozenset(groups) if groups is not None else ALL_GROUPS
    tenant_id = principal.tenant_id
    sales_now = await _sales(session, tenant_id, accounts, current, granularity, wanted)
    sales_before = await _sales(session, tenant_id, accounts, compared, granularity, wanted) if compared else None
    currencies = sorted({currency for sales in (sales_now, sales_before) if sales for currency in sales.currencies})
    metrics = await _metrics(session, tenant_id, accounts, current, granularity, wanted, sales_now, currencies)
    if compared is not None:
        before = await _metrics(session, tenant_id, accounts, compared, granularity, wanted, sales_before, currencies)
        metrics = compare(metrics, before)
    return KpiReportData(current, compared, granularity, zone, currencies, utcnow(), metrics)


async def _sales(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    accounts: list[uuid.UUID] | None,
    range_: LocalRange,
    granularity: Granularity,
    groups: frozenset[MetricGroup],
) -> Figures | None:
    if MetricGroup.SALES not in groups:
        return None
    return await sales_figures(session, base_params(tenant_id, range_, accounts, granularity), range_, granularity)


async def _metrics(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    accounts: list[uuid.UUID] | None,
    range_: LocalRange,
    granularity: Granularity,
    groups: frozenset[MetricGroup],
    sales: Figures | None,
    currencies: list[str],
) -> list[MetricData]:
    """The groups' metrics of one range (MONEY metrics: one per currency of ``currencies``)."""
    params = base_params(tenant_id, range_, accounts, granularity)
    metrics: list[MetricData] = sales_metrics(sales, currencies) if sales is not None else []
    if MetricGroup.SERVICE in groups:
        metrics += service_metrics(await service_figures(session, params, range_, granularity))
    if MetricGroup.LOGISTICS in groups:
        metrics += logistics_metrics(await logistics_figures(session, params, range_, granularity, utcnow()))
    for group, produce in PRODUCERS:
        if group in groups:
            metrics += await produce(
                session,
                tenant_id=tenant_id,
                account_ids=accounts,
                range_=range_,
                granularity=granularity,
                time_zone=range_.time_zone,
            )
    return metrics


def compare(metrics: list[MetricData], before: list[MetricData]) -> list[MetricData]:
    """Each metric with the compared range's total, and its points with the point of the same index."""
    previous = {(m.key, m.currency): m for m in before}
    compared = []
    for metric in metrics:
        other = previous.get((metric.key, metric.currency))
        if other is None:
            compared.append(metric)
            continue
        series = [
            PointData(point.start, point.value, other.series[i].value if i < len(other.series) else None)
            for i, point in enumerate(metric.series)
        ]
        compared.append(replace(metric, previous=other.total, series=series))
    return compared
