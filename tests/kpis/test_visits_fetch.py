"""Visits come from the sandbox's /items/visits per day and account, 50 ids a call, stored idempotently."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest_asyncio

from melihub.accounts.models import Role, Tenant, User
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.kpis import visits
from melihub.runtime import Services
from melihub_workers.tasks import visits as visit_tasks
from tests.catalog.world import SELLER_A_ITEMS, World, editing_world

from .listing_world import sql

TODAY = date(2025, 3, 13)


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a, roles=(Role.ANALYST,)) as built:
        yield built


async def fetch(world: World, days: int, today: date = TODAY) -> visits.VisitsFetch:
    return await visits.fetch_account_visits(
        world.services, world.tenant.id, world.account.id, days, today=today, deadline=time.monotonic() + 60
    )


async def stored(world: World) -> dict[tuple[str, date], int]:
    rows = await sql(
        world.services,
        world.tenant.id,
        "SELECT i.ml_id, v.day, v.visits FROM listing_visit_days v JOIN items i ON i.id = v.listing_id",
    )
    return {(row.ml_id, row.day): row.visits for row in rows}


async def test_a_fetch_stores_each_listings_visits_per_day(world: World) -> None:
    done = await fetch(world, 5)
    assert (done.listings, done.stored, done.complete) == (len(SELLER_A_ITEMS), 5 * len(SELLER_A_ITEMS), True)
    found = await stored(world)
    assert {day for _, day in found} == {date(2025, 3, d) for d in range(9, 14)}
    # The per-day counts add up to what the range form of the endpoint answers for the five days.
    ranged = await meli_client(world.services).get_items_visits(
        account_ref(world.account), list(SELLER_A_ITEMS), date(2025, 3, 9), TODAY
    )
    assert {entry.item_id: entry.total_visits for entry in ranged} == {
        ml_id: sum(found[(ml_id, date(2025, 3, d))] for d in range(9, 14)) for ml_id in SELLER_A_ITEMS
    }
    calls = [c for c in world.sandbox.calls() if (c["method"], c["route"]) == ("GET", "/items/visits")]
    assert len(calls) == 5 + 1  # one per day (8 ids fit one call), plus the check above


async def test_fetching_again_overwrites_and_never_adds(world: World) -> None:
    await fetch(world, 5)
    first = await stored(world)
    await sql(world.services, world.tenant.id, "UPDATE listing_visit_days SET visits = visits + 1000")
    await fetch(world, 3)
    again = await stored(world)
    assert len(again) == len(first)
    assert all(again[key] == first[key] for key in again if key[1] >= date(2025, 3, 11))
    assert all(again[key] == first[key] + 1000 for key in again if key[1] < date(2025, 3, 11))


async def test_the_schedule_backfills_an_account_without_visits_then_waits_a_day(world: World) -> None:
    async with world.services.db.tenant(world.tenant.id) as session:
        assert await visits.fetch_window(session, world.account) == visits.BACKFILL_DAYS
    ctx = {"services": world.services}
    assert await visit_tasks.schedule_visits(ctx) == {"queued": 1}
    assert await visit_tasks.schedule_visits(ctx) == {"queued": 0}  # the same hour's job is already queued
    result = await visit_tasks.fetch_visits(ctx, str(world.tenant.id), str(world.account.id), 2)
    assert result["stored"] == 2 * len(SELLER_A_ITEMS) and result["complete"]
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Sao_Paulo")).date()
    assert max(day for _, day in await stored(world)) == today
    async with world.services.db.tenant(world.tenant.id) as session:
        assert await visits.fetch_window(session, world.account) is None
    await sql(
        world.services, world.tenant.id, "UPDATE listing_visit_days SET fetched_at = fetched_at - interval '1 day'"
    )
    async with world.services.db.tenant(world.tenant.id) as session:
        assert await visits.fetch_window(session, world.account) == visits.REFRESH_DAYS


async def test_a_deadline_stops_between_chunks_and_keeps_what_was_stored(world: World) -> None:
    done = await visits.fetch_account_visits(
        world.services, world.tenant.id, world.account.id, 2, today=TODAY, deadline=time.monotonic() - 1
    )
    assert (done.stored, done.complete) == (0, False)
    assert await stored(world) == {}
