"""The KPI definitions (docs/kpis.md) as plain SQL over the raw tables, written apart from the rollups.

``expected`` answers, per metric and currency, the range's total and its value per bucket (a local date
from ``date_trunc``), straight from orders, payments, order_items, shipments, questions and messages.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.metrics import Granularity, LocalRange, MetricKey

Values = dict[date | None, Decimal | None]  # None: the whole range


@dataclass
class Expected:
    metrics: dict[tuple[MetricKey, str | None], Values] = field(default_factory=dict)

    def put(self, key: MetricKey, currency: str | None, bucket: date | None, value: Any) -> None:
        self.metrics.setdefault((key, currency), {})[bucket] = None if value is None else Decimal(str(value))


ORDERS = """
WITH refunded AS (
    SELECT o.id, LEAST(COALESCE((SELECT sum(COALESCE(p.transaction_amount_refunded, 0)) FROM payments p
                                 WHERE p.order_id = o.id), 0), COALESCE(o.total_amount, 0)) AS amount
    FROM orders o
),
first_of_pack AS (
    SELECT id, row_number() OVER (PARTITION BY pack_id ORDER BY date_created, ml_id) AS position
    FROM orders WHERE pack_id IS NOT NULL AND status IN ('paid', 'partially_refunded')
)
SELECT {bucket} AS bucket, o.currency_id,
       count(*) FILTER (WHERE o.status IN ('paid', 'partially_refunded')) AS orders,
       sum((SELECT sum(i.quantity) FROM order_items i WHERE i.order_id = o.id))
           FILTER (WHERE o.status IN ('paid', 'partially_refunded')) AS units,
       sum(COALESCE(o.total_amount, 0) - r.amount) FILTER (WHERE o.status IN ('paid', 'partially_refunded')) AS gmv,
       count(*) FILTER (WHERE o.status IN ('paid', 'partially_refunded') AND (o.pack_id IS NULL OR f.position = 1))
           AS sales,
       count(*) FILTER (WHERE o.status = 'cancelled') AS cancelled,
       count(*) FILTER (WHERE r.amount > 0) AS refunds,
       sum(r.amount) FILTER (WHERE r.amount > 0) AS refunded_amount
FROM orders o JOIN refunded r ON r.id = o.id LEFT JOIN first_of_pack f ON f.id = o.id
WHERE o.date_created >= :start AND o.date_created < :end AND o.meli_account_id = ANY(:accounts)
GROUP BY 1, 2
"""
QUESTIONS = """
SELECT {bucket} AS bucket,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM answered_at - date_created))),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM answered_at - date_created))),
       count(*) FILTER (WHERE answered_at <= sla_due_at)::numeric / count(*)
FROM questions
WHERE answered_at >= :start AND answered_at < :end AND date_created IS NOT NULL AND meli_account_id = ANY(:accounts)
GROUP BY 1
"""
REPLIES = """
WITH m AS (
    SELECT m.meli_account_id, m.pack_ml_id, m.date_created, m.from_ml_user_id = a.ml_user_id AS by_seller
    FROM messages m JOIN meli_accounts a ON a.id = m.meli_account_id
    WHERE m.pack_ml_id IS NOT NULL AND m.date_created IS NOT NULL
),
asked AS (SELECT meli_account_id, pack_ml_id, min(date_created) AS at FROM m WHERE NOT by_seller GROUP BY 1, 2),
replied AS (
    SELECT q.meli_account_id, q.at AS asked_at, min(m.date_created) AS at
    FROM asked q JOIN m USING (meli_account_id, pack_ml_id)
    WHERE m.by_seller AND m.date_created > q.at GROUP BY 1, 2, m.pack_ml_id
)
SELECT {bucket} AS bucket, percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM at - asked_at))
FROM replied AS reply
WHERE at >= :start AND at < :end AND meli_account_id = ANY(:accounts)
GROUP BY 1
"""
DISPATCHED = """
SELECT {bucket} AS bucket, count(*),
       count(*) FILTER (WHERE handling_limit IS NULL OR shipped_at <= handling_limit),
       sum(GREATEST(0, floor(EXTRACT(EPOCH FROM shipped_at - date_created)))),
       count(*) FILTER (WHERE shipped_at > handling_limit),
       count(*) FILTER (WHERE status = 'not_delivered'),
       count(*) FILTER (WHERE status = 'returned' OR substatus LIKE 'returning%' OR substatus LIKE 'returned%')
FROM shipments
WHERE shipped_at >= :start AND shipped_at < :end AND meli_account_id = ANY(:accounts)
GROUP BY 1
"""
OPEN_LATE = """
SELECT {bucket} AS bucket, count(*) FROM shipments
WHERE status IN ('pending', 'handling', 'ready_to_ship') AND handling_limit >= :start AND handling_limit < :end
  AND handling_limit < now() AND meli_account_id = ANY(:accounts)
GROUP BY 1
"""


def _bucket(column: str, granularity: Granularity | None) -> str:
    if granularity is None:
        return "NULL::date"
    return f"date_trunc('{granularity.value.lower()}', {column} AT TIME ZONE :zone)::date"


def _ratio(a: Any, b: Any) -> Decimal | None:
    return None if not b else Decimal(a or 0) / Decimal(b)


async def expected(
    session: AsyncSession, range_: LocalRange, granularity: Granularity, accounts: list[uuid.UUID]
) -> Expected:
    found = Expected()
    params = {"start": range_.start, "end": range_.end, "zone": range_.time_zone, "accounts": accounts}
    for grouping in (granularity, None):  # the buckets, then the whole range
        await _sales(session, found, grouping, params)
        await _service(session, found, grouping, params)
        await _logistics(session, found, grouping, params)
    return found


async def _rows(session: AsyncSession, statement: str, column: str, grouping: Granularity | None, params: Any) -> Any:
    query = statement.replace("{bucket}", _bucket(column, grouping))
    return (await session.exec(text(query), params=params)).all()  # type: ignore[call-overload]


async def _sales(session: AsyncSession, found: Expected, grouping: Granularity | None, params: Any) -> None:
    by_bucket: dict[date | None, list[Decimal]] = {}
    for bucket, currency, orders, units, gmv, sales, cancelled, refunds, refunded in await _rows(
        session, ORDERS, "o.date_created", grouping, params
    ):
        found.put(MetricKey.GMV, currency, bucket, gmv or 0)
        found.put(MetricKey.AVERAGE_TICKET, currency, bucket, _ratio(gmv, sales))
        found.put(MetricKey.REFUNDED_AMOUNT, currency, bucket, refunded or 0)
        sums = by_bucket.setdefault(bucket, [Decimal(0)] * 4)
        for index, value in enumerate((orders, units or 0, cancelled, refunds)):
            sums[index] += value
    for bucket, (orders, units, cancelled, refunds) in by_bucket.items():
        found.put(MetricKey.ORDERS, None, bucket, orders)
        found.put(MetricKey.UNITS, None, bucket, units)
        found.put(MetricKey.CANCELLATION_RATE, None, bucket, _ratio(cancelled, orders + cancelled))
        found.put(MetricKey.REFUNDS, None, bucket, refunds)


async def _service(session: AsyncSession, found: Expected, grouping: Granularity | None, params: Any) -> None:
    for bucket, p50, p90, compliance in await _rows(session, QUESTIONS, "answered_at", grouping, params):
        found.put(MetricKey.QUESTION_RESPONSE_P50, None, bucket, round(p50, 3))
        found.put(MetricKey.QUESTION_RESPONSE_P90, None, bucket, round(p90, 3))
        found.put(MetricKey.QUESTION_SLA_COMPLIANCE, None, bucket, compliance)
    for bucket, p50 in await _rows(session, REPLIES, "reply.at", grouping, params):
        found.put(MetricKey.MESSAGE_FIRST_REPLY_P50, None, bucket, round(p50, 3))


async def _logistics(session: AsyncSession, found: Expected, grouping: Granularity | None, params: Any) -> None:
    late: dict[date | None, int] = {}
    for bucket, dispatched, on_time, seconds, dispatched_late, not_delivered, returns in await _rows(
        session, DISPATCHED, "shipped_at", grouping, params
    ):
        found.put(MetricKey.FILL_RATE, None, bucket, _ratio(on_time, dispatched))
        found.put(MetricKey.AVERAGE_HANDLING_TIME, None, bucket, _ratio(seconds, dispatched))
        found.put(MetricKey.NOT_DELIVERED, None, bucket, not_delivered)
        found.put(MetricKey.RETURNS, None, bucket, returns)
        late[bucket] = late.get(bucket, 0) + dispatched_late
    for bucket, count in await _rows(session, OPEN_LATE, "handling_limit", grouping, params):
        late[bucket] = late.get(bucket, 0) + count
    for bucket, count in late.items():
        found.put(MetricKey.LATE_SHIPMENTS, None, bucket, count)
