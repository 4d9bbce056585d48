"""Keeping ``stock_periods`` in step with the stored listings: close the open period, open the next.

``record_listings`` compares each listing's stored stock (and each variation's) with its open period and,
where they differ, closes that period and opens one with the new quantity. It reads only what is stored,
so calling it again, for a replayed or an older payload (which the appliers never store), changes
nothing. A change is dated by the listing's ``synced_at`` (when melihub stored the version showing it,
the same stamp the listing's change history carries); a listing seen for the first time opens its first
period then. The rows of the listings are locked (in id order) so two transactions never interleave.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.kpis.sql_rows import sql_rows, sql_run
from melihub.kpis.stock_models import StockPeriod

_LOCK_AND_READ = text(
    """
    SELECT i.id, i.tenant_id, i.meli_account_id, i.available_quantity, i.synced_at
    FROM items i WHERE i.id = ANY(:ids) ORDER BY i.id FOR UPDATE
    """
)
_VARIATIONS = text("SELECT item_id, ml_id, available_quantity FROM variations WHERE item_id = ANY(:ids)")
_OPEN = text(
    "SELECT id, listing_id, variation_ml_id, quantity, since FROM stock_periods "
    "WHERE listing_id = ANY(:ids) AND until IS NULL"
)
_CLOSE = text("UPDATE stock_periods SET until = :until WHERE id = :id")
_PAGE = text("SELECT id FROM items WHERE tenant_id = :tenant AND id > :after ORDER BY id LIMIT :batch")


@dataclass(frozen=True)
class _Open:
    id: uuid.UUID
    quantity: int
    since: datetime


Key = tuple[uuid.UUID, int | None]  # (listing, variation ML id or None for the listing itself)


async def record_listings(session: AsyncSession, listing_ids: Sequence[uuid.UUID]) -> int:
    """Bring the stock periods of these listings up to their stored stock; how many periods were opened."""
    ids = sorted(set(listing_ids))
    if not ids:
        return 0
    listings = await sql_rows(session, _LOCK_AND_READ, ids=ids)
    if not listings:
        return 0
    stored: dict[Key, int] = {(row.id, None): row.available_quantity for row in listings}
    for row in await sql_rows(session, _VARIATIONS, ids=ids):
        stored[(row.item_id, row.ml_id)] = row.available_quantity
    opened = {
        (row.listing_id, row.variation_ml_id): _Open(row.id, row.quantity, row.since)
        for row in await sql_rows(session, _OPEN, ids=ids)
    }
    by_id = {row.id: row for row in listings}
    now = utcnow()
    added: list[StockPeriod] = []
    for key in sorted(set(stored) | set(opened), key=_order):
        listing = by_id[key[0]]
        current, quantity = opened.get(key), stored.get(key)
        if current is not None and current.quantity == quantity:
            continue
        at = min(now, max(listing.synced_at, current.since)) if current else min(now, listing.synced_at)
        if current is not None:
            await sql_run(session, _CLOSE, until=at, id=current.id)
        if quantity is not None:  # None: the variation went away, its period only closes
            added.append(_period(listing, key[1], quantity, at))
    session.add_all(added)
    await session.flush()
    return len(added)


def _order(key: Key) -> tuple[uuid.UUID, int]:
    return key[0], -1 if key[1] is None else key[1]


def _period(listing: Row[Any], variation_ml_id: int | None, quantity: int, since: datetime) -> StockPeriod:
    return StockPeriod(
        tenant_id=listing.tenant_id,
        meli_account_id=listing.meli_account_id,
        listing_id=listing.id,
        variation_ml_id=variation_ml_id,
        quantity=quantity,
        since=since,
    )


async def rebuild_stock(session: AsyncSession, *, tenant_id: uuid.UUID, batch: int = 500) -> int:
    """Open a first period for every listing of the tenant that has none (and align the others).

    The stock history before melihub stored a listing is not known: a rebuild keeps the periods it has
    (they are the history) and only fills what is missing, from the current stock at ``synced_at``.
    """
    done = 0
    after = uuid.UUID(int=0)
    while True:
        rows = await sql_rows(session, _PAGE, tenant=tenant_id, after=after, batch=batch)
        if not rows:
            return done
        done += await record_listings(session, [row.id for row in rows])
        after = rows[-1].id
