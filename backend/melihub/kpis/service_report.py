"""SERVICE metrics of a range: SLA compliance from ``kpi_service_hours``, exact percentiles from the rows.

The percentiles (``percentile_cont``) are read from the questions answered in the range (index on
``answered_at``) and from the threads' first replies in it (``kpi_first_replies``, index on ``reply_at``),
one statement each with ``GROUPING SETS`` for the buckets and the whole range.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis import day_rollups
from melihub.kpis.figures import ACCOUNTS, BucketKey, Figures, bucket_sql, sums
from melihub.kpis.metrics import Granularity, LocalRange, MetricData, MetricGroup, MetricKey, MetricUnit, ratio
from melihub.kpis.sql import run

NAMES = ("questions_answered", "answered_within_sla", "questions_asked", "first_replies")
SERVICE = MetricGroup.SERVICE


def _percentiles(
    column: str, value: str, table: str, fractions: tuple[float, ...], granularity: Granularity, where: str = "true"
) -> str:
    bucket = bucket_sql(column, granularity, hourly=False)
    wanted = ", ".join(f"percentile_cont({f}) WITHIN GROUP (ORDER BY seconds)" for f in fractions)
    return f"""
        SELECT bucket, {wanted}
        FROM (
            SELECT {bucket} AS bucket, {value} AS seconds FROM {table}
            WHERE q.tenant_id = CAST(:tenant AS uuid) AND {column} >= :start AND {column} < :end AND {where}
              AND {ACCOUNTS.replace("meli_account_id", "q.meli_account_id", 1)}
        ) AS p
        GROUP BY GROUPING SETS ((bucket), ())
    """


QUESTIONS = "questions q"
ANSWERED = "q.answered_at"
REPLIES = "kpi_first_replies q"
# date_part, not EXTRACT: EXTRACT gives a numeric, and sorting 85,000 numerics was most of a 12-month
# report's percentiles (bench/kpis: 98 → 69 ms a statement); percentile_cont takes a double anyway.
RESPONSE_SECONDS = "GREATEST(0, date_part('epoch', q.answered_at - q.date_created))"
REPLY_SECONDS = "date_part('epoch', q.reply_at - q.buyer_at)"


async def service_figures(
    session: AsyncSession, params: dict[str, Any], range_: LocalRange, granularity: Granularity
) -> Figures:
    figures = await sums(session, day_rollups.SERVICE, NAMES, params, range_, granularity)
    questions = _percentiles(
        ANSWERED, RESPONSE_SECONDS, QUESTIONS, (0.5, 0.9), granularity, "q.date_created IS NOT NULL"
    )
    for bucket, p50, p90 in await run(session, questions, **params):
        if p50 is not None:  # the whole range's row comes even when nothing was answered
            row = figures.values.setdefault((figures.key_of(bucket), ""), {})
            row["response_p50"], row["response_p90"] = _decimal(p50), _decimal(p90)
    replies = _percentiles("q.reply_at", REPLY_SECONDS, REPLIES, (0.5,), granularity)
    for bucket, p50 in await run(session, replies, **params):
        if p50 is not None:
            figures.values.setdefault((figures.key_of(bucket), ""), {})["reply_p50"] = _decimal(p50)
    return figures


def _decimal(seconds: float) -> Decimal:
    """``percentile_cont`` gives a double: to the millisecond, the precision the payloads' times have."""
    return Decimal(str(round(seconds, 3)))


def service_metrics(figures: Figures) -> list[MetricData]:
    def percentile(name: str) -> Any:
        def value(bucket: BucketKey | None, _c: str | None) -> Decimal | None:
            return figures.values.get((bucket, ""), {}).get(name)

        return value

    def compliance(bucket: BucketKey | None, _c: str | None) -> Decimal | None:
        return ratio(figures.get(bucket, "answered_within_sla"), figures.get(bucket, "questions_answered"))

    return [
        figures.metric(MetricKey.QUESTION_RESPONSE_P50, SERVICE, MetricUnit.SECONDS, percentile("response_p50")),
        figures.metric(MetricKey.QUESTION_RESPONSE_P90, SERVICE, MetricUnit.SECONDS, percentile("response_p90")),
        figures.metric(MetricKey.QUESTION_SLA_COMPLIANCE, SERVICE, MetricUnit.RATIO, compliance),
        figures.metric(MetricKey.MESSAGE_FIRST_REPLY_P50, SERVICE, MetricUnit.SECONDS, percentile("reply_p50")),
    ]
