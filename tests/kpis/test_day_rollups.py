"""The day rollups are always their hours summed by the tenant's local day: through upkeep, races, rebuilds,
and a change of the tenant's time zone (rebuilt by the cron, carried on past its deadline)."""

from __future__ import annotations

import asyncio
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlmodel import select

from melihub.connections.models import MeliAccount
from melihub.kpis import zone_change
from melihub.kpis.day_rollups import DAY_ROLLUPS, DayRollup
from melihub.kpis.metrics import Granularity, MetricKey
from melihub.kpis.models import KpiZone
from melihub.kpis.rebuild import rebuild_tenant
from melihub.resources import registry
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD
from tests.kpis import payloads
from tests.kpis.helpers import metric, notify, owner_of, report
from tests.kpis.listing_world import sql
from tests.kpis.payloads import bundle

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
# 22:30 and 23:30 in São Paulo are 01:30 and 02:30 UTC the next day: one local day, two UTC dates.
LATE_EVENING = datetime(2026, 3, 10, 22, 30, tzinfo=SAO_PAULO)


def _positions(rollup: DayRollup) -> str:
    return ", ".join(str(n) for n in range(1, len(rollup.keys) + 2))


def _hours_by_day(rollup: DayRollup, zone: str) -> str:
    keys = ", ".join(rollup.keys)
    sums = ", ".join(f"sum({name})" for name in rollup.figures)
    return f"""
        SELECT {keys}, (hour AT TIME ZONE '{zone}')::date AS day, {sums} FROM {rollup.hours}
        GROUP BY {keys}, {len(rollup.keys) + 1} HAVING {" OR ".join(f"sum({n}) <> 0" for n in rollup.figures)}
        ORDER BY {_positions(rollup)}
    """


def _days(rollup: DayRollup) -> str:
    keys = ", ".join(rollup.keys)
    return f"""
        SELECT {keys}, day, {", ".join(rollup.figures)} FROM {rollup.days}
        WHERE {" OR ".join(f"{n} <> 0" for n in rollup.figures)} ORDER BY {_positions(rollup)}
    """


async def _assert_days_are_their_hours(services: Services, account: MeliAccount, zone: str) -> int:
    """Every day rollup equals its hours grouped by local day of ``zone`` (zero rows aside); the rows compared."""
    compared = 0
    for rollup in DAY_ROLLUPS:
        wanted = [tuple(row) for row in await sql(services, account.tenant_id, _hours_by_day(rollup, zone))]
        got = [tuple(row) for row in await sql(services, account.tenant_id, _days(rollup))]
        assert got == wanted, rollup.days
        compared += len(got)
    return compared


def _order(ml_id: int, created: datetime, *, status: str = "paid", version: int = 1) -> dict[str, Any]:
    return payloads.order(
        ml_id,
        seller=SELLER_A,
        buyer=900 + ml_id,
        created=created,
        updated=created + timedelta(minutes=version),
        status=status,
        lines=[("MLB1", 1, Decimal("40.00"))],
    )


def _shipped(ml_id: int, shipped: datetime) -> dict[str, Any]:
    created = shipped - timedelta(hours=5)
    return payloads.shipment(
        ml_id,
        created=created,
        updated=shipped,
        status="shipped",
        handling_limit=created + timedelta(hours=24),
        date_shipped=shipped,
    )


async def _evening(services: Services, account: MeliAccount) -> None:
    """Orders, shipments and an answer in the hours around a São Paulo midnight, one order replayed and one
    cancelled after it counted."""
    for n, hours in enumerate((0, 1, 2, 3)):
        await notify(services.db, account, "order", _order(n + 1, LATE_EVENING + timedelta(hours=hours)))
        await notify(services.db, account, "shipment", _shipped(70 + n, LATE_EVENING + timedelta(hours=hours)))
    await notify(services.db, account, "order", _order(1, LATE_EVENING))  # a replay
    cancelled = _order(3, LATE_EVENING + timedelta(hours=2), status="cancelled", version=2)
    await notify(services.db, account, "order", cancelled)
    answered = LATE_EVENING + timedelta(hours=1, minutes=10)
    question = payloads.question(13100000000002, seller=SELLER_A, item="MLB1", created=LATE_EVENING, answered=answered)
    await notify(services.db, account, "question", question)


async def test_each_day_row_is_its_hours_summed_by_local_day_through_upkeep_and_rebuild(
    services: Services, meli_account_a: MeliAccount
) -> None:
    await _evening(services, meli_account_a)

    assert await _assert_days_are_their_hours(services, meli_account_a, "America/Sao_Paulo") == 5
    evening, night = date(2026, 3, 10), date(2026, 3, 11)
    by_day = await report(services.db, owner_of(meli_account_a), evening, night, Granularity.DAY)
    orders = metric(by_day, MetricKey.ORDERS)
    # 22:30 and 23:30 on the 10th; 00:30 (cancelled) and 01:30 on the 11th
    assert [point.value for point in orders.series] == [Decimal(2), Decimal(1)]

    for rollup in DAY_ROLLUPS:
        await sql(services, meli_account_a.tenant_id, f"DELETE FROM {rollup.days}")
    await rebuild_tenant(services.db, meli_account_a.tenant_id)
    assert await _assert_days_are_their_hours(services, meli_account_a, "America/Sao_Paulo") == 5


async def test_two_hours_of_one_day_changed_at_once_both_count(services: Services, meli_account_a: MeliAccount) -> None:
    """Shipments of different hours share no hour bucket: only the day's lock orders the two upkeeps."""
    async with services.db.tenant(meli_account_a.tenant_id) as first:
        await registry.apply_bundle(first, meli_account_a, bundle("shipment", _shipped(81, LATE_EVENING)), None)
        second = asyncio.create_task(
            notify(services.db, meli_account_a, "shipment", _shipped(82, LATE_EVENING + timedelta(minutes=65)))
        )
        await asyncio.sleep(0.5)
        assert not second.done()  # it waits for the first transaction's logistics day
    await second

    rows = await sql(services, meli_account_a.tenant_id, "SELECT day, dispatched FROM kpi_logistics_days")
    assert [tuple(row) for row in rows] == [(date(2026, 3, 10), 2)]


SET_ZONE = """mutation($zone: String!) {
  updateTenantSettings(input: {timeZone: $zone}) { tenant { timeZone } errors { code } }
}"""


async def _set_zone(client: httpx.AsyncClient, zone: str) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await gql(client, SET_ZONE, {"zone": zone})
    assert body["data"]["updateTenantSettings"] == {"tenant": {"timeZone": zone}, "errors": []}


async def test_a_changed_time_zone_rebuilds_the_days_in_the_new_zone(
    services: Services, meli_account_a: MeliAccount, client: httpx.AsyncClient
) -> None:
    await _evening(services, meli_account_a)
    assert await zone_change.changed_tenants(services) == []  # days already in the tenant's zone

    await _set_zone(client, "UTC")
    assert await zone_change.changed_tenants(services) == [meli_account_a.tenant_id]
    outcome = await zone_change.catch_up_all(services, deadline=time.monotonic() + 60)

    assert outcome.rebuilt == [meli_account_a.tenant_id] and outcome.unfinished == []
    assert await _assert_days_are_their_hours(services, meli_account_a, "UTC") == 3  # one day each
    by_day = await report(services.db, owner_of(meli_account_a), date(2026, 3, 11), date(2026, 3, 11))
    assert metric(by_day, MetricKey.ORDERS).total == Decimal(3)  # 01:30, 03:30, 04:30 UTC (02:30 cancelled)
    listing_days = await sql(services, meli_account_a.tenant_id, "SELECT day FROM kpi_listing_days WHERE units > 0")
    assert {row[0] for row in listing_days} == {date(2026, 3, 11)}
    assert await zone_change.changed_tenants(services) == []


async def test_a_zone_rebuild_past_its_deadline_carries_on_at_the_next_run(
    services: Services, meli_account_a: MeliAccount, client: httpx.AsyncClient
) -> None:
    await notify(services.db, meli_account_a, "order", _order(1, LATE_EVENING))
    await notify(services.db, meli_account_a, "order", _order(2, LATE_EVENING + timedelta(days=20)))
    await _set_zone(client, "Asia/Tokyo")

    done = await zone_change.catch_up(services, meli_account_a.tenant_id, deadline=time.monotonic())  # one slice
    state = await _zone_state(services, meli_account_a)
    assert not done
    assert state is not None and state.time_zone == "America/Sao_Paulo" and state.rebuilding_zone == "Asia/Tokyo"
    assert state.rebuild_from is not None and state.rebuild_from > date(2026, 3, 11)

    second_run = await zone_change.catch_up_all(services, deadline=time.monotonic() + 60)
    assert second_run.rebuilt == [meli_account_a.tenant_id]
    assert await _assert_days_are_their_hours(services, meli_account_a, "Asia/Tokyo") >= 2


async def _zone_state(services: Services, account: MeliAccount) -> KpiZone | None:
    async with services.db.tenant(account.tenant_id) as session:
        return (await session.exec(select(KpiZone))).first()
