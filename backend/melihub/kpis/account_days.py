"""``kpi_account_days``: an account's listing days summed per local day, recomputed with them.

Whatever recomputes a listing day (``listing_days.recompute`` in the upkeep, ``listing_days.rebuild``)
recomputes its account's day here in the same transaction, under the account day's own lock: two upkeeps
of different listings on the same day would otherwise each sum without the other's uncommitted row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.sql import run

AccountDayKey = tuple[uuid.UUID, date]

FIGURES = "COALESCE(sum(d.units), 0), COALESCE(sum(d.orders), 0), COALESCE(sum(d.questions_asked), 0)"
INSERT = "INSERT INTO kpi_account_days (id, tenant_id, meli_account_id, day, units, orders, questions_asked)"
UPSERT = (
    "ON CONFLICT (tenant_id, meli_account_id, day) DO UPDATE SET "
    "units = EXCLUDED.units, orders = EXCLUDED.orders, questions_asked = EXCLUDED.questions_asked"
)
RECOMPUTE = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), k.account_id, k.day, a.*
FROM unnest(CAST(:accounts AS uuid[]), CAST(:days AS date[])) AS k(account_id, day)
CROSS JOIN LATERAL (
    SELECT {FIGURES} FROM kpi_listing_days d
    WHERE d.tenant_id = CAST(:tenant AS uuid) AND d.meli_account_id = k.account_id AND d.day = k.day
) AS a
{UPSERT}
"""
CLEAR = "DELETE FROM kpi_account_days WHERE tenant_id = CAST(:tenant AS uuid) AND day >= :first AND day <= :last"
REBUILD = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), d.meli_account_id, d.day, {FIGURES}
FROM kpi_listing_days d
WHERE d.tenant_id = CAST(:tenant AS uuid) AND d.day >= :first AND d.day <= :last
GROUP BY d.meli_account_id, d.day
{UPSERT}
"""


def keys_of(*listing_keys: Sequence[tuple[Any, ...]]) -> list[AccountDayKey]:
    """The account days of these listing-day keys (``(account, item, day, …)``), each once, sorted."""
    return sorted({(key[0], key[2]) for keys in listing_keys for key in keys})


def lock_keys(keys: Iterable[AccountDayKey]) -> list[str]:
    return [f"account|{account}|{day.isoformat()}" for account, day in keys]


async def recompute(session: AsyncSession, tenant_id: uuid.UUID, keys: list[AccountDayKey]) -> None:
    if keys:
        accounts, days = [k[0] for k in keys], [k[1] for k in keys]
        await run(session, RECOMPUTE, tenant=tenant_id, accounts=accounts, days=days)


async def rebuild(session: AsyncSession, tenant_id: uuid.UUID, first: date, last: date) -> None:
    """Replace local days ``first``..``last`` with the sums of their (already rebuilt) listing days."""
    await run(session, CLEAR, tenant=tenant_id, first=first, last=last)
    await run(session, REBUILD, tenant=tenant_id, first=first, last=last)
