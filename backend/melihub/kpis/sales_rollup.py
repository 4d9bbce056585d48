"""``kpi_sales_hours``: the sales of one (account, currency, UTC hour), recomputed from its orders.

An order's facts (``ORDER_FACTS``): counted (paid, partially refunded), cancelled, refunded (its payments'
``transaction_amount_refunded``, capped at ``total_amount``), its net (``total_amount - refunded``), units,
and whether it opens its sale (no pack, or the pack's earliest counted order by ``date_created, ml_id``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.sql import COUNTED, excluded, hour_ends, run

REFUNDED = "LEAST(COALESCE(pay.refunded, 0), COALESCE(o.total_amount, 0))"
NET = f"(COALESCE(o.total_amount, 0) - {REFUNDED})"
PAYMENTS = (
    "LEFT JOIN LATERAL (SELECT sum(p.transaction_amount_refunded) AS refunded FROM payments p "
    "WHERE p.order_id = o.id) AS pay ON true"
)
ORDER_FACTS = f"""
SELECT o.meli_account_id, o.currency_id, o.date_created,
       o.status IN {COUNTED} AS counted, o.status = 'cancelled' AS cancelled,
       {REFUNDED} AS refunded, {NET} AS net, COALESCE(it.units, 0) AS units,
       (o.pack_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM orders e
           WHERE e.tenant_id = o.tenant_id AND e.pack_id = o.pack_id AND e.status IN {COUNTED}
             AND e.date_created IS NOT NULL AND (e.date_created, e.ml_id) < (o.date_created, o.ml_id)
       )) AS opens_sale
FROM orders o
{PAYMENTS}
LEFT JOIN LATERAL (SELECT sum(i.quantity) AS units FROM order_items i WHERE i.order_id = o.id) AS it ON true
WHERE o.tenant_id = CAST(:tenant AS uuid) AND o.date_created IS NOT NULL AND {{where}}
"""
FIGURES = ("orders", "units", "gmv", "sales", "cancelled", "refunds", "refunded_amount")
AGGREGATES = """
count(*) FILTER (WHERE f.counted) AS orders,
COALESCE(sum(f.units) FILTER (WHERE f.counted), 0) AS units,
COALESCE(sum(f.net) FILTER (WHERE f.counted), 0) AS gmv,
count(*) FILTER (WHERE f.counted AND f.opens_sale) AS sales,
count(*) FILTER (WHERE f.cancelled) AS cancelled,
count(*) FILTER (WHERE f.refunded > 0) AS refunds,
COALESCE(sum(f.refunded) FILTER (WHERE f.refunded > 0), 0) AS refunded_amount
"""
INSERT = f"INSERT INTO kpi_sales_hours (id, tenant_id, meli_account_id, currency_id, hour, {', '.join(FIGURES)})"
UPSERT = f"ON CONFLICT (tenant_id, meli_account_id, currency_id, hour) DO UPDATE SET {excluded(FIGURES)}"

# The orders and their packs' orders, as a UNION: an OR in the join would read every order of the tenant.
KEYS_OF_ORDERS = """
SELECT DISTINCT t.meli_account_id, t.currency_id, date_trunc('hour', t.date_created, 'UTC')
FROM (
    SELECT o.meli_account_id, o.currency_id, o.date_created FROM orders o WHERE o.id = ANY(CAST(:ids AS uuid[]))
    UNION ALL
    SELECT o2.meli_account_id, o2.currency_id, o2.date_created
    FROM orders o JOIN orders o2 ON o2.tenant_id = o.tenant_id AND o2.pack_id = o.pack_id
    WHERE o.id = ANY(CAST(:ids AS uuid[])) AND o.pack_id IS NOT NULL
) AS t
WHERE t.date_created IS NOT NULL
"""
IN_BUCKET = (
    "o.meli_account_id IS NOT DISTINCT FROM k.account_id AND o.currency_id = k.currency_id "
    "AND o.date_created >= k.hour AND o.date_created < k.hour_end"
)
RECOMPUTE = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), k.account_id, k.currency_id, k.hour, a.*
FROM unnest(CAST(:accounts AS uuid[]), CAST(:currencies AS text[]), CAST(:hours AS timestamptz[]),
            CAST(:ends AS timestamptz[])) AS k(account_id, currency_id, hour, hour_end)
CROSS JOIN LATERAL (SELECT {AGGREGATES} FROM ({ORDER_FACTS.format(where=IN_BUCKET)}) AS f) AS a
{UPSERT}
"""
REBUILD = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), f.meli_account_id, f.currency_id,
       date_trunc('hour', f.date_created, 'UTC'), {AGGREGATES}
FROM ({ORDER_FACTS.format(where="o.date_created >= :start AND o.date_created < :end")}) AS f
GROUP BY f.meli_account_id, f.currency_id, date_trunc('hour', f.date_created, 'UTC')
{UPSERT}
"""
CLEAR = "DELETE FROM kpi_sales_hours WHERE tenant_id = CAST(:tenant AS uuid) AND hour >= :start AND hour < :end"

SalesKey = tuple[uuid.UUID, str, datetime]


async def keys_of_orders(session: AsyncSession, order_ids: Sequence[uuid.UUID]) -> list[SalesKey]:
    """The buckets these orders count in, with every hour of their packs (the pack rule moves sales)."""
    rows = await run(session, KEYS_OF_ORDERS, ids=list(order_ids))
    return [(row[0], row[1], row[2]) for row in rows]


def lock_keys(keys: Sequence[SalesKey]) -> list[str]:
    return [f"sales|{account}|{currency}|{hour.isoformat()}" for account, currency, hour in keys]


async def recompute(session: AsyncSession, tenant_id: uuid.UUID, keys: Sequence[SalesKey]) -> None:
    if not keys:
        return
    await run(
        session,
        RECOMPUTE,
        tenant=tenant_id,
        accounts=[key[0] for key in keys],
        currencies=[key[1] for key in keys],
        hours=[key[2] for key in keys],
        ends=hour_ends(key[2] for key in keys),
    )


async def rebuild(session: AsyncSession, tenant_id: uuid.UUID, start: datetime, end: datetime) -> Any:
    """Replace the slice's rows ([start, end), whole UTC hours) with a recomputation; how many it wrote."""
    await run(session, CLEAR, tenant=tenant_id, start=start, end=end)
    await run(session, REBUILD, tenant=tenant_id, start=start, end=end)
