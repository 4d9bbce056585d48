"""``kpi_logistics_hours``: the shipments of one (account, UTC hour), recomputed from the raw rows.

Everything is bucketed by ``shipped_at`` (set once, never moved): on time is at or before ``handling_limit``
(or no limit known), late after it; not delivered and returns count there too (they were dispatched).
Open shipments late by now are not rolled up: the report counts them from the raw rows (few, indexed).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.sql import excluded, hour_ends, run

RETURNED = "(s.status = 'returned' OR s.substatus LIKE 'returning%' OR s.substatus LIKE 'returned%')"
FIGURES = (
    "dispatched",
    "dispatched_on_time",
    "handling_seconds",
    "dispatched_late",
    "not_delivered",
    "returns",
)
DISPATCH_AGGREGATES = f"""
count(*) AS dispatched,
count(*) FILTER (WHERE s.handling_limit IS NULL OR s.shipped_at <= s.handling_limit) AS dispatched_on_time,
COALESCE(sum(GREATEST(0, floor(EXTRACT(EPOCH FROM s.shipped_at - s.date_created))))::bigint, 0) AS handling_seconds,
count(*) FILTER (WHERE s.shipped_at > s.handling_limit) AS dispatched_late,
count(*) FILTER (WHERE s.status = 'not_delivered') AS not_delivered,
count(*) FILTER (WHERE {RETURNED}) AS returns
"""
INSERT = f"INSERT INTO kpi_logistics_hours (id, tenant_id, meli_account_id, hour, {', '.join(FIGURES)})"
UPSERT = f"ON CONFLICT (tenant_id, meli_account_id, hour) DO UPDATE SET {excluded(FIGURES)}"
TENANT = "s.tenant_id = CAST(:tenant AS uuid)"
RECOMPUTE = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), k.account_id, k.hour, d.*
FROM unnest(CAST(:accounts AS uuid[]), CAST(:hours AS timestamptz[]), CAST(:ends AS timestamptz[]))
     AS k(account_id, hour, hour_end)
CROSS JOIN LATERAL (
    SELECT {DISPATCH_AGGREGATES} FROM shipments s
    WHERE {TENANT} AND s.shipped_at IS NOT NULL AND s.meli_account_id IS NOT DISTINCT FROM k.account_id
      AND s.shipped_at >= k.hour AND s.shipped_at < k.hour_end
) AS d
{UPSERT}
"""
REBUILD = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), s.meli_account_id, date_trunc('hour', s.shipped_at, 'UTC'),
       {DISPATCH_AGGREGATES}
FROM shipments s WHERE {TENANT} AND s.shipped_at IS NOT NULL AND s.shipped_at >= :start AND s.shipped_at < :end
GROUP BY 3, 4
{UPSERT}
"""
CLEAR = "DELETE FROM kpi_logistics_hours WHERE tenant_id = CAST(:tenant AS uuid) AND hour >= :start AND hour < :end"
KEYS_OF_SHIPMENTS = """
SELECT DISTINCT s.meli_account_id, date_trunc('hour', s.shipped_at, 'UTC') FROM shipments s
WHERE s.id = ANY(CAST(:ids AS uuid[])) AND s.shipped_at IS NOT NULL
"""

Key = tuple[uuid.UUID, datetime]


async def keys_of_shipments(session: AsyncSession, shipment_ids: Sequence[uuid.UUID]) -> list[Key]:
    return [(row[0], row[1]) for row in await run(session, KEYS_OF_SHIPMENTS, ids=list(shipment_ids))]


def lock_keys(keys: Sequence[Key]) -> list[str]:
    return [f"logistics|{account}|{hour.isoformat()}" for account, hour in keys]


async def recompute(session: AsyncSession, tenant_id: uuid.UUID, keys: Sequence[Key]) -> None:
    if keys:
        await run(
            session,
            RECOMPUTE,
            tenant=tenant_id,
            accounts=[k[0] for k in keys],
            hours=[k[1] for k in keys],
            ends=hour_ends(k[1] for k in keys),
        )


async def rebuild(session: AsyncSession, tenant_id: uuid.UUID, start: datetime, end: datetime) -> None:
    await run(session, CLEAR, tenant=tenant_id, start=start, end=end)
    await run(session, REBUILD, tenant=tenant_id, start=start, end=end)
