"""Stock periods follow every stored stock change of a listing and its variations, once, in order."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

from melihub.catalog.service import apply_item
from melihub.kpis.stock import rebuild_stock, record_listings
from melihub.testing.fixtures import SELLER_A, load_fixture

from .listing_world import apply_items, item_raw, sql

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)
PERIODS = (
    "SELECT variation_ml_id, quantity, since, until FROM stock_periods WHERE listing_id = :listing "
    "ORDER BY coalesce(variation_ml_id, 0), since"
)


async def test_a_listing_opens_its_first_period_when_first_stored(services, meli_account_a) -> None:
    [listing] = await apply_items(services, meli_account_a, [item_raw("MLB1", 7, T0, seller=SELLER_A)])
    [(variation, quantity, since, until)] = await sql(services, meli_account_a.tenant_id, PERIODS, listing=listing)
    [(synced_at,)] = await sql(services, meli_account_a.tenant_id, "SELECT synced_at FROM items")
    assert (variation, quantity, since, until) == (None, 7, synced_at, None)


async def test_a_stock_change_closes_the_open_period_and_opens_the_next(services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    versions = [item_raw("MLB1", q, T0 + timedelta(hours=n), seller=SELLER_A) for n, q in enumerate([7, 0, 0, 3])]
    [listing, *_] = await apply_items(services, meli_account_a, versions)
    periods = await sql(services, tenant, PERIODS, listing=listing)
    assert [p.quantity for p in periods] == [7, 0, 3]  # the version that kept 0 opened nothing
    assert periods[0].until == periods[1].since and periods[1].until == periods[2].since
    assert periods[2].until is None


async def test_replays_and_older_versions_change_nothing(services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    new, old = item_raw("MLB1", 4, T0 + timedelta(hours=2), seller=SELLER_A), item_raw("MLB1", 9, T0, seller=SELLER_A)
    [listing, *_] = await apply_items(services, meli_account_a, [new, new, old, new])
    assert [(p.quantity, p.until) for p in await sql(services, tenant, PERIODS, listing=listing)] == [(4, None)]
    async with services.db.tenant(tenant) as session:
        assert await record_listings(session, [listing]) == 0


async def test_variations_have_periods_of_their_own(services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    raw = copy.deepcopy(load_fixture("items/MLB3012345601.json"))
    async with services.db.tenant(tenant) as session:
        listing = (await apply_item(session, meli_account_a, raw)).entity_id
    first = await sql(services, tenant, PERIODS, listing=listing)
    assert [(p.variation_ml_id, p.quantity) for p in first] == [
        (None, 29),
        (180000000101, 14),
        (180000000102, 9),
        (180000000103, 6),
        (180000000104, 0),
    ]
    changed = copy.deepcopy(raw)
    changed["last_updated"] = "2025-03-14T10:00:00.000Z"
    changed["variations"] = [v for v in changed["variations"] if v["id"] != 180000000104]
    changed["variations"][0]["available_quantity"] = 13
    changed["available_quantity"] = 28
    async with services.db.tenant(tenant) as session:
        await apply_item(session, meli_account_a, changed)
    after = {(p.variation_ml_id, p.quantity): p.until for p in await sql(services, tenant, PERIODS, listing=listing)}
    assert after[(180000000104, 0)] is not None  # the variation went away: its period closed, none opened
    assert after[(180000000101, 14)] is not None and after[(180000000101, 13)] is None
    assert after[(None, 29)] is not None and after[(None, 28)] is None
    assert after[(180000000102, 9)] is None


async def test_rebuild_opens_a_period_for_listings_without_any(services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    await apply_items(services, meli_account_a, [item_raw(f"MLB{n}", n, T0, seller=SELLER_A) for n in range(1, 4)])
    await sql(services, tenant, "DELETE FROM stock_periods WHERE quantity <> 2")
    async with services.db.tenant(tenant) as session:
        assert await rebuild_stock(session, tenant_id=tenant, batch=2) == 2
    async with services.db.tenant(tenant) as session:
        assert await rebuild_stock(session, tenant_id=tenant) == 0
    rows = await sql(services, tenant, "SELECT quantity FROM stock_periods WHERE until IS NULL ORDER BY quantity")
    assert [r.quantity for r in rows] == [1, 2, 3]
