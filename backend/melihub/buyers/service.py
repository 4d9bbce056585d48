"""Upkeep of ``customer_months``: recompute each touched buyer's rows on an account from the raw orders.

``record_orders`` is called (by ``melihub.kpis.upkeep``) with the orders an applied bundle or sync page
changed. For every (account, buyer) they belong to, it deletes that buyer's rows on the account and inserts
them again from all of the buyer's counted orders there: the rows depend on nothing but the raw orders, so
a replayed or out-of-order event never counts twice, and an order that moved month, status or refund is
right at once. Two transactions touching the same buyer serialize on an advisory lock (keys sorted).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.sql import COUNTED
from melihub.kpis.sql_rows import sql_rows, sql_run

_BUYERS_OF = text(
    "SELECT DISTINCT meli_account_id, buyer_ml_id FROM orders WHERE id = ANY(:ids) AND buyer_ml_id IS NOT NULL"
)
_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 15))")
_DELETE = text(
    "DELETE FROM customer_months WHERE tenant_id = melihub_current_tenant() AND meli_account_id = ANY(:accounts) "
    "AND (meli_account_id, buyer_ml_id) IN "
    "(SELECT * FROM unnest(CAST(:accounts AS uuid[]), CAST(:buyers AS bigint[])))"
)
# GMV of an order: total_amount minus what its payments refunded, capped at the total (docs/kpis.md).
_INSERT = text(
    f"""
    WITH pairs AS (SELECT * FROM unnest(CAST(:accounts AS uuid[]), CAST(:buyers AS bigint[])) AS p(account, buyer)),
    counted AS (
        SELECT o.tenant_id, o.meli_account_id, o.buyer_ml_id, o.currency_id, o.date_created,
               coalesce(o.total_amount, 0) - least(coalesce(o.total_amount, 0), coalesce((
                   SELECT sum(coalesce(p.transaction_amount_refunded, 0)) FROM payments p WHERE p.order_id = o.id
               ), 0)) AS gmv
        FROM orders o JOIN pairs ON o.meli_account_id = pairs.account AND o.buyer_ml_id = pairs.buyer
        WHERE o.status IN {COUNTED} AND o.date_created IS NOT NULL
    )
    INSERT INTO customer_months
        (id, tenant_id, meli_account_id, buyer_ml_id, currency_id, month, orders, gmv, first_order_at, last_order_at)
    SELECT gen_random_uuid(), tenant_id, meli_account_id, buyer_ml_id, currency_id,
           date_trunc('month', date_created AT TIME ZONE :zone)::date, count(*), sum(gmv),
           min(date_created), max(date_created)
    FROM counted
    GROUP BY tenant_id, meli_account_id, buyer_ml_id, currency_id, date_trunc('month', date_created AT TIME ZONE :zone)
    """
)
_ZONE = text("SELECT time_zone FROM tenants WHERE id = melihub_current_tenant()")
_ALL_BUYERS = text(
    "SELECT DISTINCT meli_account_id, buyer_ml_id FROM orders WHERE tenant_id = :tenant AND buyer_ml_id IS NOT NULL "
    "AND (CAST(:since AS timestamptz) IS NULL OR date_created >= :since OR synced_at >= :since) "
    "ORDER BY meli_account_id, buyer_ml_id"
)


async def tenant_zone(session: AsyncSession) -> str:
    rows = await sql_rows(session, _ZONE)
    return str(rows[0].time_zone) if rows else "America/Sao_Paulo"


async def record_orders(session: AsyncSession, order_ids: Sequence[uuid.UUID]) -> int:
    """Recompute the customer months of the buyers of these orders; how many (account, buyer) pairs."""
    if not order_ids:
        return 0
    pairs = sorted(
        {(row.meli_account_id, row.buyer_ml_id) for row in await sql_rows(session, _BUYERS_OF, ids=list(order_ids))}
    )
    await recompute_buyers(session, pairs)
    return len(pairs)


async def recompute_buyers(session: AsyncSession, pairs: Sequence[tuple[uuid.UUID, int]]) -> None:
    """Delete and rebuild the rows of each (account, buyer) from the raw orders, under their locks."""
    if not pairs:
        return
    for account, buyer in sorted(pairs):
        await sql_run(session, _LOCK, key=f"customer_months:{account}:{buyer}")
    accounts, buyers = [p[0] for p in pairs], [p[1] for p in pairs]
    await sql_run(session, _DELETE, accounts=accounts, buyers=buyers)
    await sql_run(session, _INSERT, accounts=accounts, buyers=buyers, zone=await tenant_zone(session))


async def rebuild_buyers(
    session: AsyncSession, *, tenant_id: uuid.UUID, since: date | datetime | None = None, batch: int = 500
) -> int:
    """Recompute every buyer of the tenant (with ``since``: of orders created or stored since); how many."""
    if isinstance(since, date) and not isinstance(since, datetime):
        since = datetime.combine(since, time(0), tzinfo=UTC)
    pairs = [
        (row.meli_account_id, row.buyer_ml_id)
        for row in await sql_rows(session, _ALL_BUYERS, tenant=tenant_id, since=since)
    ]
    for start in range(0, len(pairs), batch):
        await recompute_buyers(session, pairs[start : start + batch])
    return len(pairs)
