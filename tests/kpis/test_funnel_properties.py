"""Property: over generated visits (fetched again with new counts), questions and orders (replayed, out of
order), the funnel metrics and top listings equal plain SQL over the raw visit days, questions and orders."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from melihub.kpis.funnel import funnel_metrics
from melihub.kpis.metrics import Granularity, LocalRange, MetricKey, ratio
from melihub.kpis.top_listings import TopListingMetric, top_listings
from melihub.kpis.visits import store_visit_days
from melihub.testing.fixtures import SELLER_A

from .listing_world import apply_items, apply_orders, apply_questions, item_raw, order_raw, question_raw, sql

ZONE = "America/Sao_Paulo"
RANGE = LocalRange(date(2025, 3, 1), date(2025, 3, 7), ZONE)
START = datetime(2025, 2, 27, 3, tzinfo=UTC)  # local midnight of 27 Feb
LISTINGS = ("MLB61", "MLB62")
HOURS = st.integers(0, 10 * 24 - 1)

visit_days = st.lists(st.tuples(st.sampled_from(LISTINGS), st.integers(0, 9), st.integers(0, 50)), max_size=14)
orders = st.lists(
    st.tuples(st.sampled_from(LISTINGS), HOURS, st.sampled_from(["paid", "partially_refunded", "cancelled"])),
    max_size=8,
)
questions = st.lists(st.tuples(st.sampled_from(LISTINGS), HOURS), max_size=8)

EXPECTED = """
WITH days AS (
    SELECT d::date AS day FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') AS d
),
v AS (SELECT day, sum(visits) AS n FROM listing_visit_days GROUP BY day),
q AS (SELECT (date_created AT TIME ZONE :zone)::date AS day, count(*) AS n FROM questions GROUP BY 1),
o AS (
    SELECT (o.date_created AT TIME ZONE :zone)::date AS day, count(DISTINCT (o.id, l.item_ml_id)) AS n
    FROM orders o JOIN order_items l ON l.order_id = o.id
    WHERE o.status IN ('paid', 'partially_refunded') GROUP BY 1
)
SELECT days.day, coalesce(v.n, 0) AS visits, coalesce(q.n, 0) AS questions, coalesce(o.n, 0) AS orders
FROM days LEFT JOIN v USING (day) LEFT JOIN q USING (day) LEFT JOIN o USING (day) ORDER BY days.day
"""
PER_LISTING = """
SELECT i.ml_id,
       (SELECT coalesce(sum(visits), 0) FROM listing_visit_days v
        WHERE v.listing_id = i.id AND v.day BETWEEN :first AND :last) AS visits,
       (SELECT count(*) FROM orders o JOIN order_items l ON l.order_id = o.id
        WHERE l.item_ml_id = i.ml_id AND o.status IN ('paid', 'partially_refunded')
          AND (o.date_created AT TIME ZONE :zone)::date BETWEEN :first AND :last) AS orders
FROM items i ORDER BY i.ml_id
"""

_ids = iter(range(1, 10**6))


async def seed(services, account, seen, sold, asked, seed_: int) -> None:
    tenant, batch = account.tenant_id, next(_ids)
    for table in ("orders", "questions", "listing_visit_days", "kpi_listing_days", "kpi_account_days"):
        await sql(services, tenant, f"DELETE FROM {table}")
    listings = {row.ml_id: row.id for row in await sql(services, tenant, "SELECT id, ml_id FROM items")}
    for ml_id, day, visits in seen:  # each day fetched twice; the second count is the one that holds
        first_day = START.date() + timedelta(days=day)
        async with services.db.tenant(tenant) as session:
            await store_visit_days(session, account, listings, {ml_id: {first_day: visits + 7}})
        async with services.db.tenant(tenant) as session:
            await store_visit_days(session, account, listings, {ml_id: {first_day: visits}})
    raws = []
    for n, (item, hours, status) in enumerate(sold):
        created = START + timedelta(hours=hours)
        common = {"seller": SELLER_A, "item": item, "quantity": 1, "unit_price": Decimal(20), "created": created}
        ml_id = 2000000200000000 + batch * 100 + n
        final = order_raw(ml_id, status=status, updated=created + timedelta(hours=1), **common)
        raws += [order_raw(ml_id, **common), final, final]
    random.Random(seed_).shuffle(raws)
    await apply_orders(services, account, raws)
    await apply_questions(
        services,
        account,
        [
            question_raw(
                13100000000000 + batch * 100 + n, seller=SELLER_A, item=item, created=START + timedelta(hours=h)
            )
            for n, (item, h) in enumerate(asked)
        ],
    )


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(seen=visit_days, sold=orders, asked=questions, seed_=st.integers(0, 10**6))
async def test_funnel_equals_sql_on_the_raw_tables(services, meli_account_a, seen, sold, asked, seed_) -> None:
    tenant = meli_account_a.tenant_id
    if not await sql(services, tenant, "SELECT 1 FROM items"):
        await apply_items(services, meli_account_a, [item_raw(ml_id, 3, START, seller=SELLER_A) for ml_id in LISTINGS])
    await seed(services, meli_account_a, seen, sold, asked, seed_)
    async with services.db.tenant(tenant) as session:
        found = {
            m.key: m
            for m in await funnel_metrics(
                session,
                tenant_id=tenant,
                account_ids=None,
                range_=RANGE,
                granularity=Granularity.DAY,
                time_zone=ZONE,
            )
        }
        ranked = await top_listings(
            session,
            metric=TopListingMetric.VISITS,
            first_day=RANGE.first,
            last_day=RANGE.last,
            account_ids=None,
        )
    days = await sql(services, tenant, EXPECTED, zone=ZONE, first=RANGE.first, last=RANGE.last)
    assert [p.value for p in found[MetricKey.VISITS].series] == [d.visits for d in days]
    assert [p.value for p in found[MetricKey.QUESTIONS_ASKED].series] == [d.questions for d in days]
    assert [p.value for p in found[MetricKey.VISIT_CONVERSION].series] == [ratio(d.orders, d.visits) for d in days]
    visits, orders_ = sum(d.visits for d in days), sum(d.orders for d in days)
    assert found[MetricKey.VISITS].total == visits
    assert found[MetricKey.VISIT_CONVERSION].total == ratio(orders_, visits)
    listing_rows = await sql(services, tenant, PER_LISTING, zone=ZONE, first=RANGE.first, last=RANGE.last)
    expected = sorted(((r.ml_id, r.visits, r.orders) for r in listing_rows if r.visits), key=lambda r: -r[1])
    assert sorted((e.listing.ml_id, e.visits, e.orders) for e in ranked) == sorted(expected)
    assert [e.value for e in ranked] == sorted((r[1] for r in expected), reverse=True)
