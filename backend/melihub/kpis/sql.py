"""Running the rollups' SQL: text statements with typed array parameters, and the bucket locks.

The rollup statements are plain SQL (``INSERT … SELECT … ON CONFLICT DO UPDATE`` over ``unnest`` of the
bucket keys), so upkeep of a sync page of 50 orders is a handful of statements whatever the page holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

COUNTED = "('paid', 'partially_refunded')"
OPEN = "('pending', 'handling', 'ready_to_ship')"
HOUR = "interval '1 hour'"
ONE_HOUR = timedelta(hours=1)
# A bucket's end comes as a parameter (:func:`hour_ends`), not as ``k.hour + interval '1 hour'``: under
# row-level security PostgreSQL keeps a condition with a function that is not leakproof (timestamptz +
# interval) out of the index scan, and read every order from the bucket's start to the end of the data
# (bench/kpis: ≈ 250 ms per order change, against a few ms).
# Bucket recomputes match a row's account with ``IS NOT DISTINCT FROM`` (same result: ids are never null) so
# the planner reads the (tenant, time) index and filters the bucket's few rows, instead of intersecting it
# with the account's index of every row it ever had (bench/kpis: 130 ms → a few ms per order change).


def hour_ends(hours: Iterable[datetime]) -> list[datetime]:
    """The end of each UTC-hour bucket starting at ``hours``."""
    return [hour + ONE_HOUR for hour in hours]


async def run(session: AsyncSession, statement: str, **params: Any) -> list[Any]:
    """Execute ``statement``; its rows (empty for a statement that returns none)."""
    result = await session.exec(text(statement), params=params)  # type: ignore[call-overload]
    return list(result.all()) if result.returns_rows else []


LOCK = """
SELECT count(pg_advisory_xact_lock(hashtextextended(s.key, 0)))
FROM (SELECT key FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS k(key, n) ORDER BY n) AS s
"""


async def lock(session: AsyncSession, tenant_id: uuid.UUID, keys: Iterable[str]) -> None:
    """Take the transaction-scoped locks of these buckets, in sorted order (two upkeeps never deadlock)."""
    ordered = sorted({f"kpi|{tenant_id}|{key}" for key in keys})
    if ordered:
        await run(session, LOCK, keys=ordered)


def columns(*names: str) -> str:
    return ", ".join(names)


def excluded(names: Sequence[str]) -> str:
    return ", ".join(f"{name} = EXCLUDED.{name}" for name in names)
