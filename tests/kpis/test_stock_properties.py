"""Property: over generated stock histories and orders (replayed, out of order), every stock metric equals a
plain SQL computation on the raw tables (stock periods, items, orders, order lines), written here apart."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from melihub.kpis.metrics import Granularity, LocalRange, MetricKey
from melihub.kpis.stock import stock_metrics
from melihub.testing.fixtures import SELLER_A

from .listing_world import apply_items, apply_orders, item_raw, order_raw, sql

ZONE = "America/Sao_Paulo"
RANGE = LocalRange(date(2025, 3, 1), date(2025, 3, 10), ZONE)
START = datetime(2025, 2, 26, tzinfo=UTC)
LISTINGS = ("MLB41", "MLB42", "MLB43")
PLACES = 9

segments = st.lists(st.tuples(st.integers(1, 96), st.integers(0, 4)), min_size=1, max_size=6)
orders = st.lists(
    st.tuples(
        st.sampled_from(LISTINGS),
        st.integers(0, 24 * 24 - 1),  # hours after START
        st.integers(1, 3),
        st.sampled_from(["paid", "partially_refunded", "cancelled"]),
    ),
    max_size=12,
)

EXPECTED_DAYS = """
WITH days AS (
    SELECT d::date AS day, (d::timestamp AT TIME ZONE :zone) AS s,
           ((d + interval '1 day')::timestamp AT TIME ZONE :zone) AS e
    FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') AS d
),
spans AS (
    SELECT days.day, p.quantity,
           tstzrange(days.s, greatest(days.s, least(days.e, :now))) * tstzrange(p.since, coalesce(p.until, :now)) AS r
    FROM days CROSS JOIN stock_periods p JOIN items i ON i.id = p.listing_id
    WHERE p.variation_ml_id IS NULL AND i.status <> 'closed'
)
SELECT days.day, extract(epoch FROM greatest(least(days.e, :now) - days.s, interval '0')) AS elapsed,
       coalesce(sum(extract(epoch FROM upper(r) - lower(r))) FILTER (WHERE quantity = 0 AND NOT isempty(r)), 0) AS zero,
       coalesce(sum(quantity * extract(epoch FROM upper(r) - lower(r))) FILTER (WHERE NOT isempty(r)), 0) AS stock
FROM days LEFT JOIN spans ON spans.day = days.day GROUP BY days.day, days.s, days.e ORDER BY days.day
"""
UNITS = """
SELECT coalesce(sum(l.quantity), 0) AS units FROM orders o JOIN order_items l ON l.order_id = o.id
WHERE o.status IN ('paid', 'partially_refunded') AND (o.date_created AT TIME ZONE :zone)::date BETWEEN :first AND :last
  AND NOT EXISTS (SELECT 1 FROM items i WHERE i.ml_id = l.item_ml_id AND i.status = 'closed')
"""
NOW_FIGURES = """
WITH recent AS (
    SELECT l.item_ml_id, sum(l.quantity) AS units FROM orders o JOIN order_items l ON l.order_id = o.id
    WHERE o.status IN ('paid', 'partially_refunded')
      AND (o.date_created AT TIME ZONE :zone)::date BETWEEN :first AND :last
    GROUP BY l.item_ml_id
)
SELECT (SELECT coalesce(sum(available_quantity), 0) FROM items WHERE status <> 'closed') AS stock,
       (SELECT coalesce(sum(r.units), 0) FROM recent r
        WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.ml_id = r.item_ml_id AND i.status = 'closed')) AS units,
       (SELECT count(*) FROM items i JOIN recent r ON r.item_ml_id = i.ml_id
        WHERE i.status <> 'closed' AND i.available_quantity = 0) AS ruptura
"""


async def seed(services, account, histories, sold, now: datetime, seed_: int) -> None:
    tenant = account.tenant_id
    for table in ("orders", "kpi_listing_days", "kpi_account_days", "stock_periods"):
        await sql(services, tenant, f"DELETE FROM {table}")
    rows = await sql(services, tenant, "SELECT id, ml_id FROM items ORDER BY ml_id")
    for (listing, _ml_id), history in zip(rows, histories, strict=True):
        since = START
        for hours, quantity in history:
            until = since + timedelta(hours=hours)
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
                until=None if until >= now else until,
            )
            if until >= now:
                break
            since = until
        await sql(services, tenant, "UPDATE items SET available_quantity = :q WHERE id = :id", q=quantity, id=listing)
    raws = []
    for n, (item, hours, units, status) in enumerate(sold):
        created = START + timedelta(hours=hours)
        first = order_raw(
            2000000000100000 + n, seller=SELLER_A, item=item, quantity=units, unit_price=Decimal(10), created=created
        )
        last = order_raw(
            2000000000100000 + n,
            seller=SELLER_A,
            item=item,
            quantity=units,
            unit_price=Decimal(10),
            created=created,
            status=status,
            refunded=Decimal(5) if status == "partially_refunded" else Decimal(0),
            updated=created + timedelta(hours=2),
        )
        raws += [first, last, last]
    random.Random(seed_).shuffle(raws)  # replayed and out of order: the older version must change nothing
    await apply_orders(services, account, raws)


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, PLACES)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    histories=st.tuples(segments, segments, segments),
    sold=orders,
    now_hours=st.integers(24, 30 * 24),
    granularity=st.sampled_from([Granularity.DAY, Granularity.WEEK]),
    seed_=st.integers(0, 10**6),
)
async def test_stock_metrics_equal_sql_on_the_raw_tables(
    services, meli_account_a, histories, sold, now_hours, granularity, seed_
) -> None:
    tenant = meli_account_a.tenant_id
    if not await sql(services, tenant, "SELECT 1 FROM items"):
        raws = [item_raw(ml_id, 1, START, seller=SELLER_A) for ml_id in LISTINGS]
        raws[2]["status"] = "closed"
        await apply_items(services, meli_account_a, raws)
    now = START + timedelta(hours=now_hours)
    await seed(services, meli_account_a, histories, sold, now, seed_)
    async with services.db.tenant(tenant) as session:
        found = {
            m.key: m
            for m in await stock_metrics(
                session,
                tenant_id=tenant,
                account_ids=None,
                range_=RANGE,
                granularity=granularity,
                time_zone=ZONE,
                now=now,
            )
        }
    days = await sql(services, tenant, EXPECTED_DAYS, zone=ZONE, first=RANGE.first, last=RANGE.last, now=now)
    units = (await sql(services, tenant, UNITS, zone=ZONE, first=RANGE.first, last=RANGE.last))[0].units
    zero = sum((Decimal(d.zero) for d in days), Decimal(0)) / 86400
    assert rounded(found[MetricKey.DAYS_OUT_OF_STOCK].total) == rounded(zero)
    if granularity is Granularity.DAY:
        assert [rounded(p.value) for p in found[MetricKey.DAYS_OUT_OF_STOCK].series] == [
            rounded(Decimal(d.zero) / 86400) for d in days
        ]
    elapsed, stock = sum(Decimal(d.elapsed) for d in days), sum(Decimal(d.stock) for d in days)
    expected_turnover = Decimal(units) / (stock / elapsed) if elapsed and stock else None
    assert rounded(found[MetricKey.STOCK_TURNOVER].total) == rounded(expected_turnover)
    today = now.astimezone(RANGE.zone).date()
    figures = (await sql(services, tenant, NOW_FIGURES, zone=ZONE, first=today - timedelta(days=29), last=today))[0]
    assert found[MetricKey.OUT_OF_STOCK_SELLING].total == figures.ruptura
    expected_coverage = Decimal(figures.stock) / (Decimal(figures.units) / 30) if figures.units else None
    assert rounded(found[MetricKey.STOCK_COVERAGE_DAYS].total) == rounded(expected_coverage)
