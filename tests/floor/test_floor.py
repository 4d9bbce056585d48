"""The floor's figures at a chosen instant, against hand-built rows and a plain SQL count.

Sales count from the tenant's local midnight; each of the 7 days before is cut at the local time of day
it is now (like for like). The same rows read from another time zone fall on other days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest_asyncio
from sqlalchemy import text

from melihub.accounts.principal import Principal
from melihub.accounts.service import update_tenant_settings
from melihub.connections.models import MeliAccount
from melihub.floor.queries import FloorFigures, floor_figures
from melihub.runtime import Services
from melihub.shipments.exceptions import ShipmentException
from tests.floor.rows import SAO_PAULO, TOKYO, listing, local, order, owner_of, question, shipment, store

NOW_SP = local(SAO_PAULO, "2026-03-10 00:30")  # half an hour into Tuesday in São Paulo; 12:30 in Tokyo


async def set_zone(services: Services, account: MeliAccount, zone: str) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        await update_tenant_settings(session, owner_of(account), time_zone=zone)


async def floor_at(
    services: Services, principal: Principal, now: datetime, accounts: list[MeliAccount] | None = None
) -> FloorFigures:
    async with services.db.tenant(principal.tenant_id) as session:
        requested = [a.id for a in accounts] if accounts is not None else None
        return await floor_figures(session, principal, meli_account_ids=requested, now=now)


def day_rows(figures: FloorFigures) -> dict[str, list[tuple[str, int, Decimal]]]:
    """Per currency, the days with orders: (date, orders, GMV)."""
    return {
        sales.currency: [(d.day.isoformat(), d.orders, d.gmv) for d in sales.days if d.orders or d.gmv]
        for sales in figures.sales
    }


@pytest_asyncio.fixture
async def around_midnight(services: Services, meli_account_a: MeliAccount) -> MeliAccount:
    """Orders placed (São Paulo wall clock) around the midnight that starts Tuesday 2026-03-10."""
    sp = lambda wall_clock: local(SAO_PAULO, wall_clock)  # noqa: E731
    a = meli_account_a
    await store(
        services,
        a,
        order(a, sp("2026-03-02 23:59"), total="70.00"),  # before the first midnight in São Paulo
        order(a, sp("2026-03-03 00:29"), total="60.00"),  # 7 days before, just inside its cut
        order(a, sp("2026-03-09 00:05"), total="50.00"),  # yesterday, inside its cut
        order(a, sp("2026-03-09 23:50"), total="10.00"),  # yesterday, after the 00:30 cut
        order(a, sp("2026-03-10 00:10"), total="20.00"),  # today
        order(a, sp("2026-03-10 00:20"), status="cancelled", total="30.00"),  # never counted
        order(a, sp("2026-03-10 00:22"), status="invalid", total="35.00"),  # never counted
        order(a, sp("2026-03-10 00:25"), status="payment_in_process", total="40.00"),  # an order, no GMV
        order(a, sp("2026-03-10 00:15"), total="5.50", currency="ARS"),
        order(a, sp("2026-03-10 00:35"), total="1000.00"),  # after now
    )
    return a


async def test_today_starts_at_the_tenants_local_midnight(services: Services, around_midnight: MeliAccount) -> None:
    figures = await floor_at(services, owner_of(around_midnight), NOW_SP)
    assert (figures.time_zone, figures.generated_at) == (SAO_PAULO, NOW_SP)
    assert day_rows(figures) == {
        "ARS": [("2026-03-10", 1, Decimal("5.50"))],
        "BRL": [
            ("2026-03-03", 1, Decimal("60.00")),
            ("2026-03-09", 1, Decimal("50.00")),
            ("2026-03-10", 2, Decimal("20.00")),
        ],
    }
    assert [(s.currency, s.today.orders, s.today.gmv) for s in figures.sales] == [
        ("ARS", 1, Decimal("5.50")),
        ("BRL", 2, Decimal("20.00")),
    ]


async def test_the_same_orders_fall_on_other_days_in_another_time_zone(
    services: Services, around_midnight: MeliAccount
) -> None:
    await set_zone(services, around_midnight, TOKYO)  # 12 hours ahead: it is 12:30 on Tuesday there
    figures = await floor_at(services, owner_of(around_midnight), NOW_SP)
    assert figures.time_zone == TOKYO
    assert day_rows(figures) == {
        "ARS": [("2026-03-10", 1, Decimal("5.50"))],
        "BRL": [
            ("2026-03-03", 2, Decimal("130.00")),  # 11:59 and 12:29 on the 3rd, both before the 12:30 cut
            ("2026-03-09", 1, Decimal("50.00")),
            ("2026-03-10", 3, Decimal("30.00")),  # the 23:50 São Paulo order is 11:50 today in Tokyo
        ],
    }


async def test_days_are_the_7_before_today_and_today_oldest_first_with_zeros(
    services: Services, around_midnight: MeliAccount
) -> None:
    figures = await floor_at(services, owner_of(around_midnight), NOW_SP)
    expected_days = [date(2026, 3, 3) + timedelta(days=n) for n in range(8)]
    for sales in figures.sales:
        assert [d.day for d in sales.days] == expected_days
    brl = next(s for s in figures.sales if s.currency == "BRL")
    assert [d.orders for d in brl.days] == [1, 0, 0, 0, 0, 0, 1, 2]
    assert [d.gmv for d in brl.days] == [Decimal(v) for v in ("60", "0", "0", "0", "0", "0", "50", "20")]


async def test_each_day_is_cut_at_the_local_time_of_day_it_is_now(
    services: Services, meli_account_a: MeliAccount
) -> None:
    a, now = meli_account_a, local(SAO_PAULO, "2026-03-10 14:00")
    for back in range(8):
        day = (now - timedelta(days=back)).date().isoformat()
        before_the_cut = order(a, local(SAO_PAULO, f"{day} 13:59:59"), total="1.00")
        after_the_cut = order(a, local(SAO_PAULO, f"{day} 14:00:01"), total="1000.00")
        await store(services, a, before_the_cut, after_the_cut)
    [brl] = (await floor_at(services, owner_of(a), now)).sales
    assert [(d.orders, d.gmv) for d in brl.days] == [(1, Decimal("1.00"))] * 8


async def test_a_currency_seen_only_after_the_cut_is_listed_with_zeros(
    services: Services, meli_account_a: MeliAccount
) -> None:
    a = meli_account_a
    await store(services, a, order(a, local(SAO_PAULO, "2026-03-08 18:00"), currency="USD"))
    figures = await floor_at(services, owner_of(a), local(SAO_PAULO, "2026-03-10 09:00"))
    [usd] = figures.sales
    assert usd.currency == "USD" and [(d.orders, d.gmv) for d in usd.days] == [(0, Decimal(0))] * 8


async def test_shipments_to_dispatch_today_and_late_by_handling_limit(
    services: Services, meli_account_a: MeliAccount
) -> None:
    a, now = meli_account_a, local(SAO_PAULO, "2026-03-10 10:00")
    await store(
        services,
        a,
        shipment(a, local(SAO_PAULO, "2026-03-10 09:00")),  # late
        shipment(a, local(SAO_PAULO, "2026-03-08 09:00"), status="handling"),  # late
        shipment(a, now),  # due this instant: still to dispatch
        shipment(a, local(SAO_PAULO, "2026-03-10 23:59"), status="pending"),  # today, later
        shipment(a, local(SAO_PAULO, "2026-03-11 00:00")),  # tomorrow
        shipment(a, local(SAO_PAULO, "2026-03-10 09:00"), status="shipped"),  # already handed over
        shipment(a, local(SAO_PAULO, "2026-03-10 09:00"), status="cancelled"),
        shipment(a, None),  # no deadline known
    )
    figures = await floor_at(services, owner_of(a), now)
    assert (figures.shipments_to_dispatch_today, figures.shipments_late) == (2, 2)
    await set_zone(services, a, "UTC")  # 13:00 UTC: today ends at 21:00 in São Paulo, before 23:59
    figures = await floor_at(services, owner_of(a), now)
    assert (figures.shipments_to_dispatch_today, figures.shipments_late) == (1, 2)


async def test_unanswered_questions_and_the_oldest_of_them(services: Services, meli_account_a: MeliAccount) -> None:
    a, now = meli_account_a, local(SAO_PAULO, "2026-03-10 10:00")
    await store(
        services,
        a,
        question(a, now - timedelta(hours=30)),
        question(a, now - timedelta(hours=2)),
        question(a, now - timedelta(days=9), status="ANSWERED"),
        question(a, now - timedelta(days=8), status="UNDER_REVIEW"),
    )
    figures = await floor_at(services, owner_of(a), now)
    assert (figures.unanswered_questions, figures.oldest_unanswered_question_at) == (2, now - timedelta(hours=30))


async def test_listings_out_of_stock_are_active_or_paused_for_stock_at_zero(
    services: Services, meli_account_a: MeliAccount
) -> None:
    a = meli_account_a
    await store(
        services,
        a,
        listing(a, "active", 0),  # just sold out: Mercado Livre is about to pause it
        listing(a, "paused", 0, ["out_of_stock"]),  # paused by Mercado Livre for stock
        listing(a, "paused", 0),  # paused by the seller
        listing(a, "paused", 3, ["out_of_stock"]),  # stock is back, reactivation pending
        listing(a, "active", 5),
        listing(a, "closed", 0),
        listing(a, "under_review", 0, ["out_of_stock"]),
    )
    figures = await floor_at(services, owner_of(a), local(SAO_PAULO, "2026-03-10 10:00"))
    assert figures.listings_out_of_stock == 2


async def test_a_fresh_tenant_has_an_empty_floor(services: Services, meli_account_a: MeliAccount) -> None:
    figures = await floor_at(services, owner_of(meli_account_a), NOW_SP)
    no_exceptions = dict.fromkeys(ShipmentException, 0)
    assert figures == FloorFigures(SAO_PAULO, NOW_SP, [], 0, 0, 0, None, 0, no_exceptions)


# ---- Against a plain SQL count: every order of 10 days, windows as instants, not as local times --------

PLAIN_SQL = text("""
    WITH clock AS (SELECT CAST(:now AS timestamptz) AT TIME ZONE CAST(:zone AS text) AS wall),
    days AS (SELECT CAST(d AS date) AS day FROM clock,
             generate_series(CAST(wall AS date) - 7, CAST(wall AS date), interval '1 day') AS d)
    SELECT o.currency_id, days.day, count(*), sum(o.total_amount) FILTER (WHERE o.status = 'paid')
    FROM days CROSS JOIN clock
    JOIN orders o ON o.date_created >= (CAST(days.day AS timestamp) AT TIME ZONE CAST(:zone AS text))
                 AND o.date_created < ((days.day + CAST(clock.wall AS time)) AT TIME ZONE CAST(:zone AS text))
    WHERE o.status NOT IN ('cancelled', 'invalid')
    GROUP BY 1, 2 ORDER BY 1, 2
""")
STATUSES = ("paid", "paid", "paid", "cancelled", "payment_in_process", "invalid", "partially_refunded")


async def test_sales_equal_a_plain_sql_count_in_two_time_zones(services: Services, meli_account_a: MeliAccount) -> None:
    a, now = meli_account_a, local(SAO_PAULO, "2026-03-10 16:45:30")
    start = now - timedelta(days=10)
    rows = [
        order(
            a,
            start + timedelta(minutes=37 * n + n % 11),
            status=STATUSES[n % len(STATUSES)],
            total=f"{10 + n % 90}.{n % 100:02d}",
            currency=("BRL", "BRL", "ARS", "USD")[n % 4],
        )
        for n in range(10 * 24 * 60 // 37)
    ]
    await store(services, a, *rows)
    for zone in (SAO_PAULO, TOKYO):
        await set_zone(services, a, zone)
        async with services.db.tenant(a.tenant_id) as session:
            plain = (await session.exec(PLAIN_SQL, params={"now": now, "zone": zone})).all()  # type: ignore[call-overload]
        figures = await floor_at(services, owner_of(a), now)
        found = [(s.currency, d.day, d.orders, d.gmv) for s in figures.sales for d in s.days if d.orders]
        assert found == [(currency, day, count, gmv or Decimal(0)) for currency, day, count, gmv in plain]
        assert len(found) == 3 * 8  # every currency on every day: the comparison is not vacuous
