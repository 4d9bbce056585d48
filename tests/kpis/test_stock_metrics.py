"""Stock metrics: ruptura, days at zero, giro and coverage of a known stock history (America/Sao_Paulo)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from melihub.kpis.metrics import Granularity, LocalRange, MetricKey
from melihub.kpis.stock import stock_metrics
from melihub.testing.fixtures import SELLER_A

from .listing_world import apply_items, apply_orders, item_raw, order_raw, sql

NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)
RANGE = LocalRange(date(2025, 3, 1), date(2025, 3, 10), "America/Sao_Paulo")


def utc(day: int, hour: int = 0) -> datetime:
    """Local (UTC-3) day of March 2025 and hour, in UTC."""
    return (
        datetime(2025, 3, day, hour + 3, tzinfo=UTC)
        if hour + 3 < 24
        else datetime(2025, 3, day + 1, hour - 21, tzinfo=UTC)
    )


async def history(services, account) -> None:
    """L1: 10 until 3 Mar, 0 until noon of 5 Mar, then 4; L2: at 0 since 9 Mar; L3: closed at 0."""
    l1, l2, l3 = await apply_items(
        services,
        account,
        [
            item_raw("MLB11", 4, NOW, seller=SELLER_A),
            item_raw("MLB12", 0, NOW, seller=SELLER_A),
            item_raw("MLB13", 0, NOW, seller=SELLER_A, status="closed"),
        ],
    )
    tenant = account.tenant_id
    await sql(services, tenant, "DELETE FROM stock_periods")
    rows = [
        (l1, 10, datetime(2025, 2, 20, tzinfo=UTC), utc(3)),
        (l1, 0, utc(3), utc(5, 12)),
        (l1, 4, utc(5, 12), None),
        (l2, 0, utc(9), None),
        (l3, 0, datetime(2025, 2, 1, tzinfo=UTC), None),
    ]
    for listing, quantity, since, until in rows:
        await sql(
            services,
            tenant,
            "INSERT INTO stock_periods (id, tenant_id, meli_account_id, listing_id, quantity, since, until) "
            "VALUES (gen_random_uuid(), :tenant, :account, :listing, :quantity, :since, :until)",
            tenant=tenant,
            account=account.id,
            listing=listing,
            quantity=quantity,
            since=since,
            until=until,
        )
    price = Decimal("10.00")
    await apply_orders(
        services,
        account,
        [
            order_raw(
                2000000000000001, seller=SELLER_A, item="MLB11", quantity=2, unit_price=price, created=utc(2, 15)
            ),
            order_raw(2000000000000002, seller=SELLER_A, item="MLB11", quantity=1, unit_price=price, created=utc(6, 9)),
            order_raw(
                2000000000000003, seller=SELLER_A, item="MLB12", quantity=3, unit_price=price, created=utc(15, 9)
            ),
            order_raw(
                2000000000000004,
                seller=SELLER_A,
                item="MLB11",
                quantity=9,
                unit_price=price,
                created=utc(7, 9),
                status="cancelled",
            ),
        ],
    )


async def metrics(services, account, granularity: Granularity = Granularity.DAY, accounts=None) -> dict:
    async with services.db.tenant(account.tenant_id) as session:
        found = await stock_metrics(
            session,
            tenant_id=account.tenant_id,
            account_ids=accounts,
            range_=RANGE,
            granularity=granularity,
            time_zone="America/Sao_Paulo",
            now=NOW,
        )
    return {m.key: m for m in found}


async def test_days_at_zero_are_time_weighted_per_local_day(services, meli_account_a) -> None:
    await history(services, meli_account_a)
    found = await metrics(services, meli_account_a)
    days = found[MetricKey.DAYS_OUT_OF_STOCK]
    assert days.total == Decimal("4.5")  # 2.5 days of L1, 2 of L2; the closed L3 does not count
    assert [p.start.date().day for p in days.series] == list(range(1, 11))
    assert [p.value for p in days.series] == [0, 0, 1, 1, Decimal("0.5"), 0, 0, 0, 1, 1]


async def test_turnover_is_units_over_time_weighted_average_stock(services, meli_account_a) -> None:
    await history(services, meli_account_a)
    found = await metrics(services, meli_account_a)
    # 3 units (the cancelled 9 do not count) / (20 + 22 listing-unit-days over 10 days).
    assert found[MetricKey.STOCK_TURNOVER].total == Decimal(3) / Decimal("4.2")
    by_day = [p.value for p in found[MetricKey.STOCK_TURNOVER].series]
    assert by_day[1] == Decimal(2) / Decimal(10) and by_day[5] == Decimal(1) / Decimal(4)
    assert by_day[3] is None  # no stock at all that day: no turnover


async def test_ruptura_and_coverage_are_as_of_now(services, meli_account_a) -> None:
    await history(services, meli_account_a)
    found = await metrics(services, meli_account_a)
    assert found[MetricKey.OUT_OF_STOCK_SELLING].total == 1  # L2: at 0 and sold on 15 Mar
    assert found[MetricKey.OUT_OF_STOCK_SELLING].series == []
    assert found[MetricKey.STOCK_COVERAGE_DAYS].total == Decimal(4) / (Decimal(6) / 30)  # 20 days
    assert found[MetricKey.STOCK_COVERAGE_DAYS].series == []


async def test_weeks_clip_to_the_range_and_hours_have_no_turnover(services, meli_account_a) -> None:
    await history(services, meli_account_a)
    weekly = await metrics(services, meli_account_a, Granularity.WEEK)
    days = weekly[MetricKey.DAYS_OUT_OF_STOCK]
    assert [p.start.date() for p in days.series] == [date(2025, 2, 24), date(2025, 3, 3), date(2025, 3, 10)]
    assert [p.value for p in days.series] == [0, Decimal("3.5"), 1]  # L2 joins on Sunday 9 Mar
    hourly = await metrics(services, meli_account_a, Granularity.HOUR)
    assert len(hourly[MetricKey.DAYS_OUT_OF_STOCK].series) == 240
    assert round(sum(p.value for p in hourly[MetricKey.DAYS_OUT_OF_STOCK].series), 9) == Decimal("4.5")
    assert {p.value for p in hourly[MetricKey.STOCK_TURNOVER].series} == {None}


async def test_other_accounts_are_left_out(services, meli_account_a) -> None:
    await history(services, meli_account_a)
    found = await metrics(services, meli_account_a, accounts=[])
    assert found[MetricKey.DAYS_OUT_OF_STOCK].total == 0
    assert found[MetricKey.OUT_OF_STOCK_SELLING].total == 0
    assert found[MetricKey.STOCK_COVERAGE_DAYS].total is None
    assert found[MetricKey.STOCK_TURNOVER].total is None
