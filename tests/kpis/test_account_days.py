"""``kpi_account_days`` is always the sum of its account's listing days, through upkeep, rebuild and races."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from melihub.connections.models import MeliAccount
from melihub.kpis.rebuild import rebuild_tenant
from melihub.resources import registry
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from tests.kpis import payloads
from tests.kpis.helpers import notify
from tests.kpis.listing_world import sql
from tests.kpis.payloads import bundle

ZONE = ZoneInfo("America/Sao_Paulo")
MORNING = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)

LISTING_SUMS = """
SELECT meli_account_id, day, sum(units) AS units, sum(orders) AS orders, sum(questions_asked) AS asked
FROM kpi_listing_days GROUP BY meli_account_id, day ORDER BY meli_account_id, day
"""
ACCOUNT_DAYS = """
SELECT meli_account_id, day, units, orders, questions_asked AS asked
FROM kpi_account_days ORDER BY meli_account_id, day
"""


def _order(
    ml_id: int, status: str, *, hours: float = 0, item: str = "MLB1", quantity: int = 2, version: int = 1
) -> dict[str, Any]:
    created = MORNING + timedelta(hours=hours)
    return payloads.order(
        ml_id,
        seller=SELLER_A,
        buyer=900 + ml_id,
        created=created,
        updated=created + timedelta(minutes=version),
        status=status,
        lines=[(item, quantity, Decimal("50.00"))],
    )


async def _sums(services: Services, account: MeliAccount, statement: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in await sql(services, account.tenant_id, statement)]


async def test_an_account_day_is_the_sum_of_its_listing_days_through_upkeep_and_rebuild(
    services: Services, meli_account_a: MeliAccount
) -> None:
    paid = _order(1, "paid")
    for raw in (paid, _order(2, "paid", hours=3, item="MLB2", quantity=5), paid, _order(3, "paid", hours=30)):
        await notify(services.db, meli_account_a, "order", raw)
    await notify(services.db, meli_account_a, "order", _order(3, "cancelled", hours=30, version=2))  # out again
    question = payloads.question(13100000000001, seller=SELLER_A, item="MLB2", created=MORNING, answered=None)
    await notify(services.db, meli_account_a, "question", question)

    expected = await _sums(services, meli_account_a, LISTING_SUMS)
    assert [row[2:] for row in expected] == [(7, 2, 1), (0, 0, 0)]  # the 10th; the 11th's order left
    assert await _sums(services, meli_account_a, ACCOUNT_DAYS) == expected

    await sql(services, meli_account_a.tenant_id, "DELETE FROM kpi_account_days")
    await rebuild_tenant(services.db, meli_account_a.tenant_id)
    rebuilt = await _sums(services, meli_account_a, ACCOUNT_DAYS)
    assert rebuilt == await _sums(services, meli_account_a, LISTING_SUMS)
    assert rebuilt == expected[:1]  # a rebuild keeps no listing day without counted sales


async def test_two_listings_changed_at_once_on_one_day_both_count(
    services: Services, meli_account_a: MeliAccount
) -> None:
    """Different listings and hours share no other bucket: only the account day's lock orders them."""
    async with services.db.tenant(meli_account_a.tenant_id) as first:
        await registry.apply_bundle(first, meli_account_a, bundle("order", _order(11, "paid")), None)
        second = asyncio.create_task(
            notify(services.db, meli_account_a, "order", _order(12, "paid", hours=6, item="MLB2", quantity=3))
        )
        await asyncio.sleep(0.5)
        assert not second.done()  # it waits for the first transaction's account day
    await second

    assert [row[2:] for row in await _sums(services, meli_account_a, ACCOUNT_DAYS)] == [(5, 2, 0)]
    assert await _sums(services, meli_account_a, ACCOUNT_DAYS) == await _sums(services, meli_account_a, LISTING_SUMS)
