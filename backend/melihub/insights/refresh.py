"""The Mercado Livre facts a score reads beyond the listing: its category's attributes (public, kept a week,
shared by every company) and ML's own quality score of the listing (kept a day: ML computes it daily).

One account at a time, through the client's pipeline (so within the account's rate budget), each fetch
stored in its own transaction: a run cut by its deadline keeps what it got, and the next carries on.
Then the account's listings are scored again.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.idempotent import excluded_of, table_of
from melihub.insights.models import ListingQuality, MeliCategory
from melihub.insights.service import account_listing_ids, score_listings
from melihub.kpis.sql_rows import sql_rows
from melihub.meli.connector import MeliConnector
from melihub.meli.errors import NotFound
from melihub.meli.models.catalog import ItemPerformance
from melihub.runtime import Services

CATEGORY_FRESH = timedelta(days=7)
QUALITY_FRESH = timedelta(hours=20)  # the hourly schedule refreshes a listing once a day
QUALITY_PER_RUN = 300

_CATEGORIES_DUE = text(
    """SELECT DISTINCT i.category_id FROM items i LEFT JOIN meli_categories c ON c.category_id = i.category_id
       WHERE i.tenant_id = :tenant AND i.meli_account_id = :account AND i.category_id IS NOT NULL
         AND (c.category_id IS NULL OR c.fetched_at < :fresh)"""
)
_QUALITY_DUE = text(
    """SELECT i.id, i.ml_id FROM items i
       LEFT JOIN listing_quality q ON q.tenant_id = i.tenant_id AND q.listing_id = i.id
       WHERE i.tenant_id = :tenant AND i.meli_account_id = :account AND i.status <> 'closed'
         AND (q.id IS NULL OR q.fetched_at < :fresh)
       ORDER BY q.fetched_at NULLS FIRST, i.id LIMIT :limit"""
)


@dataclass(frozen=True)
class Refreshed:
    categories: int = 0
    qualities: int = 0
    scored: int = 0
    complete: bool = True


async def refresh_account(
    services: Services, tenant_id: uuid.UUID, account_id: uuid.UUID, *, deadline: float
) -> Refreshed:
    async with services.db.tenant(tenant_id) as session:
        account = await session.get(MeliAccount, account_id)
        now = utcnow()
        categories = [
            r.category_id
            for r in await sql_rows(
                session, _CATEGORIES_DUE, tenant=tenant_id, account=account_id, fresh=now - CATEGORY_FRESH
            )
        ]
        due = await sql_rows(
            session,
            _QUALITY_DUE,
            tenant=tenant_id,
            account=account_id,
            fresh=now - QUALITY_FRESH,
            limit=QUALITY_PER_RUN,
        )
    if account is None:
        return Refreshed()
    connector = MeliConnector(meli_client(services), account_ref(account))
    fetched_categories = fetched_qualities = 0
    complete = True
    for category_id in categories:
        if time.monotonic() > deadline:
            complete = False
            break
        fetched_categories += await _refresh_category(services, tenant_id, connector, category_id)
    for row in due:
        if not complete or time.monotonic() > deadline:
            complete = False
            break
        performance = await connector.fetch_item_performance(row.ml_id)
        async with services.db.tenant(tenant_id) as session:
            await store_quality(session, tenant_id, row.id, performance)
        fetched_qualities += 1
    async with services.db.tenant(tenant_id) as session:
        scored = await score_listings(session, tenant_id, await account_listing_ids(session, tenant_id, account_id))
    return Refreshed(fetched_categories, fetched_qualities, len(scored), complete)


async def _refresh_category(
    services: Services, tenant_id: uuid.UUID, connector: MeliConnector, category_id: str
) -> int:
    try:
        attributes = await connector.fetch_category_attributes(category_id)
    except NotFound:
        attributes = []  # a category ML no longer has: nothing to ask for (kept a week like any other)
    stored = [{"id": a.id, "name": a.name, "tags": dict(a.tags)} for a in attributes]
    async with services.db.tenant(tenant_id) as session:
        table = table_of(MeliCategory)
        statement = insert(table).values(category_id=category_id, attributes=stored, fetched_at=utcnow())
        excluded = excluded_of(table)
        await session.exec(
            statement.on_conflict_do_update(
                index_elements=[table.c.category_id],
                set_={"attributes": excluded["attributes"], "fetched_at": excluded["fetched_at"]},
            )
        )
    return 1


async def store_quality(
    session: AsyncSession, tenant_id: uuid.UUID, listing_id: uuid.UUID, performance: ItemPerformance | None
) -> None:
    """Upsert ML's quality of a listing (None: ML has none for it, kept as such for a day)."""
    table = table_of(ListingQuality)
    values = {
        "id": uuid.uuid4(),
        "tenant_id": tenant_id,
        "listing_id": listing_id,
        "score": performance.score if performance else None,
        "level": performance.level if performance else None,
        "level_wording": performance.level_wording if performance else None,
        "pending": _pending(performance) if performance else [],
        "calculated_at": performance.calculated_at if performance else None,
        "fetched_at": utcnow(),
    }
    statement = insert(table).values(values)
    excluded = excluded_of(table)
    kept = ("score", "level", "level_wording", "pending", "calculated_at", "fetched_at")
    await session.exec(
        statement.on_conflict_do_update(
            index_elements=[table.c.tenant_id, table.c.listing_id], set_={k: excluded[k] for k in kept}
        )
    )


def _pending(performance: ItemPerformance) -> list[str]:
    """The titles of the buckets' variables ML still marks pending (what it asks the seller to fix)."""
    found = []
    for bucket in performance.buckets:
        for variable in bucket.get("variables") or []:
            if isinstance(variable, dict) and variable.get("status") == "PENDING" and variable.get("title"):
                found.append(str(variable["title"]))
    return found
