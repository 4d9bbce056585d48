"""Funnel metrics and top listings: visits → questions → orders per local day, per listing and in total."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from melihub.kpis.funnel import funnel_metrics
from melihub.kpis.metrics import Granularity, LocalRange, MetricKey
from melihub.kpis.top_listings import TopListingMetric, top_listings
from melihub.kpis.visits import store_visit_days
from melihub.testing.fixtures import SELLER_A

from .listing_world import apply_items, apply_orders, apply_questions, item_raw, order_raw, question_raw

RANGE = LocalRange(date(2025, 3, 1), date(2025, 3, 3), "America/Sao_Paulo")
NOW = datetime(2025, 3, 20, tzinfo=UTC)


def local(day: int, hour: int) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC) + timedelta(hours=3)


async def funnel_world(services, account) -> dict[str, uuid.UUID]:
    ids = await apply_items(services, account, [item_raw(f"MLB2{n}", 5, NOW, seller=SELLER_A) for n in range(1, 4)])
    listings = {f"MLB2{n}": listing for n, listing in zip(range(1, 4), ids, strict=True)}
    visits = {
        "MLB21": {date(2025, 3, 1): 10, date(2025, 3, 2): 20, date(2025, 3, 4): 99},
        "MLB22": {date(2025, 3, 3): 5},
        "MLB23": {date(2025, 2, 28): 7},
    }
    async with services.db.tenant(account.tenant_id) as session:
        await store_visit_days(session, account, listings, visits)
    price = Decimal("25.00")
    await apply_orders(
        services,
        account,
        [
            order_raw(
                2000000000000101, seller=SELLER_A, item="MLB21", quantity=1, unit_price=price, created=local(1, 10)
            ),
            order_raw(
                2000000000000102, seller=SELLER_A, item="MLB21", quantity=3, unit_price=price, created=local(2, 23)
            ),
            order_raw(
                2000000000000103, seller=SELLER_A, item="MLB22", quantity=1, unit_price=price, created=local(3, 1)
            ),
            order_raw(
                2000000000000104,
                seller=SELLER_A,
                item="MLB22",
                quantity=1,
                unit_price=price,
                created=local(3, 2),
                status="cancelled",
            ),
        ],
    )
    await apply_questions(
        services,
        account,
        [
            question_raw(13000000000001, seller=SELLER_A, item="MLB21", created=local(1, 9)),
            question_raw(13000000000002, seller=SELLER_A, item="MLB22", created=local(3, 0)),
            question_raw(13000000000003, seller=SELLER_A, item="MLB22", created=local(3, 12)),
            question_raw(13000000000004, seller=SELLER_A, item="MLB23", created=local(4, 1)),
        ],
    )
    return listings


async def metrics(services, account, granularity=Granularity.DAY, accounts=None) -> dict:
    async with services.db.tenant(account.tenant_id) as session:
        found = await funnel_metrics(
            session,
            tenant_id=account.tenant_id,
            account_ids=accounts,
            range_=RANGE,
            granularity=granularity,
            time_zone=RANGE.time_zone,
        )
    return {m.key: m for m in found}


async def test_visits_questions_and_conversion_per_local_day(services, meli_account_a) -> None:
    await funnel_world(services, meli_account_a)
    found = await metrics(services, meli_account_a)
    assert found[MetricKey.VISITS].total == 35
    assert [p.value for p in found[MetricKey.VISITS].series] == [10, 20, 5]
    assert found[MetricKey.QUESTIONS_ASKED].total == 3
    assert [p.value for p in found[MetricKey.QUESTIONS_ASKED].series] == [1, 0, 2]
    assert found[MetricKey.VISIT_CONVERSION].total == Decimal(3) / 35  # the cancelled order does not count
    assert [p.value for p in found[MetricKey.VISIT_CONVERSION].series] == [
        Decimal(1) / 10,
        Decimal(1) / 20,
        Decimal(1) / 5,
    ]


async def test_hour_points_are_undefined_but_totals_hold(services, meli_account_a) -> None:
    await funnel_world(services, meli_account_a)
    found = await metrics(services, meli_account_a, Granularity.HOUR)
    assert len(found[MetricKey.VISITS].series) == 72
    assert {p.value for p in found[MetricKey.VISITS].series} == {None}
    assert found[MetricKey.VISITS].total == 35


async def test_no_visits_means_no_conversion_and_other_accounts_count_nothing(services, meli_account_a) -> None:
    await funnel_world(services, meli_account_a)
    found = await metrics(services, meli_account_a, accounts=[uuid.uuid4()])
    assert (found[MetricKey.VISITS].total, found[MetricKey.QUESTIONS_ASKED].total) == (0, 0)
    assert found[MetricKey.VISIT_CONVERSION].total is None


async def ranked(services, account, metric: TopListingMetric, first: int = 10, accounts=None) -> list:
    async with services.db.tenant(account.tenant_id) as session:
        return await top_listings(
            session,
            metric=metric,
            first_day=RANGE.first,
            last_day=RANGE.last,
            account_ids=accounts,
            first=first,
        )


async def test_top_listings_rank_by_each_metric(services, meli_account_a) -> None:
    await funnel_world(services, meli_account_a)
    by_units = await ranked(services, meli_account_a, TopListingMetric.UNITS)
    assert [(e.listing.ml_id, e.value) for e in by_units] == [("MLB21", 4), ("MLB22", 1)]
    top = by_units[0]
    assert (top.units, top.orders, top.visits, top.questions) == (4, 2, 30, 1)
    assert top.gmv == {"BRL": Decimal("100.00")} and top.conversion == Decimal(2) / 30
    by_conversion = await ranked(services, meli_account_a, TopListingMetric.CONVERSION)
    assert [(e.listing.ml_id, round(e.value, 12)) for e in by_conversion] == [
        ("MLB22", Decimal("0.2")),
        ("MLB21", round(Decimal(2) / 30, 12)),
    ]
    by_questions = await ranked(services, meli_account_a, TopListingMetric.QUESTIONS)
    assert [(e.listing.ml_id, e.value) for e in by_questions] == [("MLB22", 2), ("MLB21", 1)]
    by_visits = await ranked(services, meli_account_a, TopListingMetric.VISITS, first=1)
    assert [(e.listing.ml_id, e.value) for e in by_visits] == [("MLB21", 30)]
    by_gmv = await ranked(services, meli_account_a, TopListingMetric.GMV)
    assert [(e.listing.ml_id, e.value, e.gmv) for e in by_gmv][1] == (
        "MLB22",
        Decimal("25.00"),
        {"BRL": Decimal("25.00")},
    )


async def test_top_listings_hold_account_limits_and_cap_first(services, meli_account_a) -> None:
    await funnel_world(services, meli_account_a)
    assert await ranked(services, meli_account_a, TopListingMetric.UNITS, accounts=[]) == []
    assert len(await ranked(services, meli_account_a, TopListingMetric.VISITS, accounts=[meli_account_a.id])) == 2
    assert len(await ranked(services, meli_account_a, TopListingMetric.UNITS, first=500)) == 2
