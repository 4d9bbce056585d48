"""The rows of a KPIS export: the report ``kpis`` answers (``melihub.kpis.queries.kpi_report``), flattened.

One row per metric (per currency for money) and bucket of its series, oldest first, then one row with the
period's total (``Total do período`` in the start column). Point-in-time metrics (coverage, out of stock)
have the total row only. Money values carry their currency's format; the others are plain numbers.
The report is read as the export's requester would read it: within the export's accounts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.exports.columns import CellType, Column
from melihub.exports.filters import ExportFilter
from melihub.exports.models import Export
from melihub.kpis.metrics import Granularity, MetricData, MetricUnit
from melihub.kpis.queries import kpi_report


def columns_for(granularity: Granularity) -> tuple[Column, ...]:
    start = CellType.DATETIME if granularity is Granularity.HOUR else CellType.DATE
    return (
        Column("metric", width=26),
        Column("group", width=12),
        Column("unit", width=10),
        Column("currency", width=8),
        Column("start", start, 16),
        Column("value", CellType.MONEY, 16, currency_of=3),
    )


def reader_of(export: Export) -> Principal:
    """A principal that reads what the export may: READ, within its accounts."""
    limits = frozenset(export.meli_account_ids) if export.meli_account_ids is not None else None
    return Principal(
        tenant_id=export.tenant_id,
        role=Role.ANALYST,
        method=AuthMethod.API_TOKEN if export.created_by_token_id else AuthMethod.SESSION,
        user_id=export.created_by_user_id,
        api_token_id=export.created_by_token_id,
        meli_account_ids=limits,
    )


def _start_cell(start: datetime, granularity: Granularity) -> Any:
    local = start.replace(tzinfo=None)
    return local if granularity is Granularity.HOUR else local.date()


def metric_rows(metric: MetricData, granularity: Granularity, total_label: str) -> list[tuple[Any, ...]]:
    currency = metric.currency if metric.unit is MetricUnit.MONEY else None
    head = (metric.key.value, metric.group.value, metric.unit.value, currency)
    rows = [(*head, _start_cell(point.start, granularity), point.value) for point in metric.series]
    rows.append((*head, total_label, metric.total))
    return rows


async def rows_of(
    session: AsyncSession, export: Export, given: ExportFilter, words: dict[str, str]
) -> tuple[tuple[Column, ...], list[tuple[Any, ...]]]:
    granularity = given.granularity or Granularity.DAY
    range_ = given.local_range(export.time_zone)
    assert range_ is not None, "a KPIS export's filter has a range (checked when it was started)"
    report = await kpi_report(
        session,
        principal=reader_of(export),
        range_=range_,
        account_ids=export.meli_account_ids,
        granularity=granularity,
        compare_to=None,
    )
    rows = [row for metric in report.metrics for row in metric_rows(metric, granularity, words["period_total"])]
    return columns_for(granularity), rows
