"""Listing visits: fetched from Mercado Livre per account and day, stored in ``listing_visit_days``.

A fetch asks ``/items/visits`` one day at a time for the account's listings that are not closed, 50 ids a
call (``melihub.meli.visits``), through the client's pipeline and so within the account's rate budget. Each
chunk of listings is stored in its own transaction (a fetch cut by its deadline keeps what it stored), and
a day fetched again overwrites its count: Mercado Livre's counts settle within about 48 hours (§13), so the
daily run asks the last ``REFRESH_DAYS`` again, and an account without any visit day gets
``BACKFILL_DAYS`` (linked, or its listings first synced). Days are Mercado Livre's dates taken as the
tenant's local days (which zone ML's visit dates use is unsure).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.idempotent import excluded_of, table_of
from melihub.kpis.sql_rows import sql_rows
from melihub.kpis.stock_models import ListingVisitDay
from melihub.runtime import Services

REFRESH_DAYS = 3
BACKFILL_DAYS = 30
CHUNK = 50  # listings per stored chunk: one /items/visits call per day
STALE_AFTER = timedelta(hours=20)  # the hourly schedule refreshes an account once a day

_LISTINGS = text("SELECT id, ml_id FROM items WHERE meli_account_id = :account AND status <> 'closed' ORDER BY ml_id")
_LATEST = text(
    "SELECT fetched_at FROM listing_visit_days WHERE tenant_id = :tenant AND meli_account_id = :account "
    "ORDER BY day DESC, fetched_at DESC LIMIT 1"
)


@dataclass(frozen=True)
class VisitsFetch:
    days: int  # how many days, ending yesterday... today (inclusive), are fetched
    listings: int = 0
    stored: int = 0
    complete: bool = True


async def store_visit_days(
    session: AsyncSession,
    account: MeliAccount,
    listing_ids: dict[str, uuid.UUID],
    by_item: dict[str, dict[date, int]],
) -> int:
    """Upsert each listing's visits per day (a day fetched again is overwritten); how many rows."""
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "tenant_id": account.tenant_id,
            "meli_account_id": account.id,
            "listing_id": listing_ids[ml_id],
            "day": day,
            "visits": max(0, int(visits)),
            "fetched_at": now,
        }
        for ml_id, days in sorted(by_item.items())
        if ml_id in listing_ids
        for day, visits in sorted(days.items())
    ]
    if not rows:
        return 0
    table = table_of(ListingVisitDay)
    statement = insert(table).values(rows)
    excluded = excluded_of(table)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.listing_id, table.c.day],
        set_={"visits": excluded["visits"], "fetched_at": excluded["fetched_at"]},
    )
    await session.exec(statement)
    return len(rows)


async def fetch_window(session: AsyncSession, account: MeliAccount) -> int | None:
    """How many days the account's next fetch should ask for (None: its visits are fresh)."""
    rows = await sql_rows(session, _LATEST, tenant=account.tenant_id, account=account.id)
    if not rows:
        return BACKFILL_DAYS
    fetched: datetime = rows[0].fetched_at
    return REFRESH_DAYS if utcnow() - fetched >= STALE_AFTER else None


def days_ending_today(days: int, today: date) -> tuple[date, date]:
    return today - timedelta(days=days - 1), today


async def fetch_account_visits(
    services: Services, tenant_id: uuid.UUID, account_id: uuid.UUID, days: int, *, today: date, deadline: float
) -> VisitsFetch:
    """Fetch and store ``days`` days (ending ``today``) of the account's listings, chunk by chunk."""
    async with services.db.tenant(tenant_id) as session:
        account = await session.get(MeliAccount, account_id)
        listings = await sql_rows(session, _LISTINGS, account=account_id)
    if account is None or not listings:
        return VisitsFetch(days)
    client, ref = meli_client(services), account_ref(account)
    first, last = days_ending_today(days, today)
    stored = 0
    for start in range(0, len(listings), CHUNK):
        if time.monotonic() > deadline:
            return VisitsFetch(days, len(listings), stored, complete=False)
        chunk: Sequence[tuple[uuid.UUID, str]] = [(row.id, row.ml_id) for row in listings[start : start + CHUNK]]
        ids = {ml_id: listing_id for listing_id, ml_id in chunk}
        by_item = await client.get_items_visits_by_day(ref, list(ids), first, last)
        async with services.db.tenant(tenant_id) as session:
            stored += await store_visit_days(session, account, ids, by_item)
    return VisitsFetch(days, len(listings), stored)
