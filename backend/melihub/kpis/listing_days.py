"""``kpi_listing_days``: each listing's sales and questions per local day of the tenant, recomputed.

Sales (``units``, ``orders``, ``gmv`` per currency) come from counted orders' lines: ``orders`` counts the
orders holding the listing, ``gmv`` shares each order's GMV among its lines by line amount (rounded to the
cent per line). Questions asked (by ``date_created``) sit on the listing's row of currency ``''``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.sales_rollup import NET, PAYMENTS
from melihub.kpis.sql import COUNTED, run

NO_CURRENCY = ""
LOCAL_DAY = "(o.date_created AT TIME ZONE :zone)::date"
DAY_START = "(k.day::timestamp AT TIME ZONE :zone)"
DAY_END = "((k.day + 1)::timestamp AT TIME ZONE :zone)"

LINE_FACTS = f"""
SELECT o.meli_account_id, o.currency_id, {LOCAL_DAY} AS day, i.item_ml_id, i.order_id, i.quantity,
       CASE WHEN t.amount > 0 THEN round({NET} * i.quantity * i.unit_price / t.amount, 2) ELSE 0 END AS gmv
FROM orders o
JOIN order_items i ON i.order_id = o.id
{PAYMENTS}
CROSS JOIN LATERAL (SELECT sum(x.quantity * x.unit_price) AS amount FROM order_items x WHERE x.order_id = o.id) AS t
WHERE o.tenant_id = CAST(:tenant AS uuid) AND o.status IN {COUNTED} AND o.date_created IS NOT NULL AND {{where}}
"""
SALES = ("units", "orders", "gmv")
SALES_AGGREGATES = "COALESCE(sum(l.quantity), 0), count(DISTINCT l.order_id), COALESCE(sum(l.gmv), 0)"
INSERT_SALES = (
    "INSERT INTO kpi_listing_days (id, tenant_id, meli_account_id, item_ml_id, day, currency_id, "
    "units, orders, gmv, questions_asked)"
)
UPSERT_SALES = (
    "ON CONFLICT (tenant_id, meli_account_id, item_ml_id, day, currency_id) DO UPDATE SET "
    "units = EXCLUDED.units, orders = EXCLUDED.orders, gmv = EXCLUDED.gmv"
)
IN_KEY = (
    "o.meli_account_id IS NOT DISTINCT FROM k.account_id AND o.currency_id = k.currency_id "
    "AND i.item_ml_id = k.item_ml_id "
    f"AND o.date_created >= {DAY_START} AND o.date_created < {DAY_END}"
)
RECOMPUTE_SALES = f"""
{INSERT_SALES}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), k.account_id, k.item_ml_id, k.day, k.currency_id, a.*, 0
FROM unnest(CAST(:accounts AS uuid[]), CAST(:items AS text[]), CAST(:days AS date[]), CAST(:currencies AS text[]))
     AS k(account_id, item_ml_id, day, currency_id)
CROSS JOIN LATERAL (SELECT {SALES_AGGREGATES} FROM ({LINE_FACTS.format(where=IN_KEY)}) AS l) AS a
{UPSERT_SALES}
"""
REBUILD_SALES = f"""
{INSERT_SALES}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), l.meli_account_id, l.item_ml_id, l.day, l.currency_id,
       {SALES_AGGREGATES}, 0
FROM ({LINE_FACTS.format(where="o.date_created >= :start AND o.date_created < :end")}) AS l
GROUP BY l.meli_account_id, l.item_ml_id, l.day, l.currency_id
{UPSERT_SALES}
"""
KEYS_OF_ORDERS = f"""
SELECT DISTINCT o.meli_account_id, i.item_ml_id, {LOCAL_DAY}, o.currency_id
FROM orders o JOIN order_items i ON i.order_id = o.id
WHERE o.id = ANY(CAST(:ids AS uuid[])) AND o.date_created IS NOT NULL
"""

QUESTION_DAY = "(q.date_created AT TIME ZONE :zone)::date"
INSERT_QUESTIONS = INSERT_SALES
UPSERT_QUESTIONS = (
    "ON CONFLICT (tenant_id, meli_account_id, item_ml_id, day, currency_id) DO UPDATE SET "
    "questions_asked = EXCLUDED.questions_asked"
)
RECOMPUTE_QUESTIONS = f"""
{INSERT_QUESTIONS}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), k.account_id, k.item_ml_id, k.day, '', 0, 0, 0, a.asked
FROM unnest(CAST(:accounts AS uuid[]), CAST(:items AS text[]), CAST(:days AS date[]))
     AS k(account_id, item_ml_id, day)
CROSS JOIN LATERAL (
    SELECT count(*) AS asked FROM questions q
    WHERE q.tenant_id = CAST(:tenant AS uuid) AND q.meli_account_id = k.account_id AND q.item_ml_id = k.item_ml_id
      AND q.date_created >= {DAY_START} AND q.date_created < {DAY_END}
) AS a
{UPSERT_QUESTIONS}
"""
REBUILD_QUESTIONS = f"""
{INSERT_QUESTIONS}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), q.meli_account_id, q.item_ml_id, {QUESTION_DAY}, '', 0, 0, 0, count(*)
FROM questions q
WHERE q.tenant_id = CAST(:tenant AS uuid) AND q.date_created >= :start AND q.date_created < :end
GROUP BY 3, 4, 5
{UPSERT_QUESTIONS}
"""
KEYS_OF_QUESTIONS = f"""
SELECT DISTINCT q.meli_account_id, q.item_ml_id, {QUESTION_DAY} FROM questions q
WHERE q.id = ANY(CAST(:ids AS uuid[])) AND q.date_created IS NOT NULL
"""
CLEAR = "DELETE FROM kpi_listing_days WHERE tenant_id = CAST(:tenant AS uuid) AND day >= :first AND day <= :last"

SalesKey = tuple[uuid.UUID, str, date, str]
QuestionsKey = tuple[uuid.UUID, str, date]


async def keys_of_orders(session: AsyncSession, order_ids: Sequence[uuid.UUID], zone: str) -> list[SalesKey]:
    return [(r[0], r[1], r[2], r[3]) for r in await run(session, KEYS_OF_ORDERS, ids=list(order_ids), zone=zone)]


async def keys_of_questions(session: AsyncSession, question_ids: Sequence[uuid.UUID], zone: str) -> list[QuestionsKey]:
    return [(r[0], r[1], r[2]) for r in await run(session, KEYS_OF_QUESTIONS, ids=list(question_ids), zone=zone)]


def lock_keys(sales: Sequence[SalesKey], questions: Sequence[QuestionsKey]) -> list[str]:
    keys = [f"listing|{a}|{item}|{day.isoformat()}|{currency}" for a, item, day, currency in sales]
    return keys + [f"listing|{a}|{item}|{day.isoformat()}|{NO_CURRENCY}" for a, item, day in questions]


async def recompute(
    session: AsyncSession, tenant_id: uuid.UUID, zone: str, sales: Sequence[SalesKey], questions: Sequence[QuestionsKey]
) -> None:
    if sales:
        await run(
            session,
            RECOMPUTE_SALES,
            tenant=tenant_id,
            zone=zone,
            accounts=[k[0] for k in sales],
            items=[k[1] for k in sales],
            days=[k[2] for k in sales],
            currencies=[k[3] for k in sales],
        )
    if questions:
        await run(
            session,
            RECOMPUTE_QUESTIONS,
            tenant=tenant_id,
            zone=zone,
            accounts=[k[0] for k in questions],
            items=[k[1] for k in questions],
            days=[k[2] for k in questions],
        )


async def rebuild(
    session: AsyncSession, tenant_id: uuid.UUID, zone: str, first: date, last: date, start: datetime, end: datetime
) -> None:
    """Replace local days ``first``..``last`` (``start``..``end`` their UTC bounds) with a recomputation."""
    await run(session, CLEAR, tenant=tenant_id, first=first, last=last)
    await run(session, REBUILD_SALES, tenant=tenant_id, zone=zone, start=start, end=end)
    await run(session, REBUILD_QUESTIONS, tenant=tenant_id, zone=zone, start=start, end=end)
