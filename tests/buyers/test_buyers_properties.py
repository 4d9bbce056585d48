"""Property: over generated orders of two accounts in two currencies (cancellations, partial refunds,
replays, versions out of order), cohorts and RFM segments equal plain SQL over the raw orders and payments."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from melihub.buyers.queries import cohorts, rfm_segments, segment_of
from melihub.connections.models import MeliAccount
from melihub.testing.fixtures import SELLER_A, SELLER_B
from tests.kpis.listing_world import apply_orders, order_raw, sql

ZONE = "America/Sao_Paulo"
START = datetime(2025, 1, 1, 3, tzinfo=UTC)  # local midnight of 1 Jan
NOW = datetime(2025, 7, 1, tzinfo=UTC)
STATUSES = ["paid", "paid", "partially_refunded", "cancelled", "payment_required"]

generated = st.lists(
    st.tuples(
        st.integers(1, 6),  # buyer
        st.booleans(),  # account B (ARS) instead of A (BRL)
        st.integers(0, 180 * 24 - 1),  # hours after START
        st.sampled_from(STATUSES),
        st.integers(1, 9),  # amount in tens
    ),
    max_size=20,
)

# Counted orders and their GMV, written from the definitions in docs/kpis.md, straight from the raw rows.
COUNTED = """
SELECT o.buyer_ml_id AS buyer, o.currency_id AS currency, o.date_created AS at,
       date_trunc('month', o.date_created AT TIME ZONE :zone)::date AS month,
       o.total_amount - least(o.total_amount, coalesce(
           (SELECT sum(coalesce(p.transaction_amount_refunded, 0)) FROM payments p WHERE p.order_id = o.id), 0)) AS gmv
FROM orders o WHERE o.status IN ('paid', 'partially_refunded') AND o.meli_account_id = ANY(:accounts)
"""
EXPECTED_COHORTS = f"""
WITH c AS ({COUNTED}), firsts AS (SELECT buyer, min(month) AS cohort FROM c GROUP BY buyer)
SELECT f.cohort, c.month, count(DISTINCT c.buyer) AS customers
FROM firsts f JOIN c ON c.buyer = f.buyer WHERE f.cohort BETWEEN :first AND :last
GROUP BY f.cohort, c.month ORDER BY f.cohort, c.month
"""
EXPECTED_RFM = f"""
WITH c AS ({COUNTED}),
per AS (SELECT buyer, currency, max(at) AS last_at, count(*) AS frequency, sum(gmv) AS monetary FROM c GROUP BY 1, 2)
SELECT buyer, currency, monetary, frequency, extract(epoch FROM :now - last_at) / 86400 AS recency,
       ntile(5) OVER (PARTITION BY currency ORDER BY last_at, buyer) AS r,
       ntile(5) OVER (PARTITION BY currency ORDER BY frequency, buyer) AS f,
       ntile(5) OVER (PARTITION BY currency ORDER BY monetary, buyer) AS m
FROM per
"""


async def accounts(services, account_a) -> list[MeliAccount]:
    tenant = account_a.tenant_id
    found = await sql(services, tenant, "SELECT id FROM meli_accounts WHERE ml_user_id = :b", b=SELLER_B)
    if found:
        async with services.db.tenant(tenant) as session:
            return [account_a, await session.get(MeliAccount, found[0].id)]
    other = MeliAccount(tenant_id=tenant, ml_user_id=SELLER_B, site_id="MLA", nickname="PAMPA")
    async with services.db.tenant(tenant) as session:
        session.add(other)
    return [account_a, other]


def versions(n: int, entry: tuple, batch: int) -> list[tuple[bool, dict]]:
    buyer, on_b, hours, status, tens = entry
    created = START + timedelta(hours=hours)
    common = {
        "seller": SELLER_B if on_b else SELLER_A,
        "item": "MLB3012345603",
        "quantity": 1,
        "unit_price": Decimal(tens * 10),
        "created": created,
        "buyer": 1500000000 + buyer,
        "currency": "ARS" if on_b else "BRL",
    }
    ml_id = 2000000100000000 + batch * 100 + n
    first = order_raw(ml_id, **common)
    refund = Decimal(tens * 3) if status == "partially_refunded" else Decimal(0)
    final = order_raw(ml_id, status=status, refunded=refund, updated=created + timedelta(hours=1), **common)
    return [(on_b, first), (on_b, final), (on_b, final)]


_batches = iter(range(1, 10**6))


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(entries=generated, seed_=st.integers(0, 10**6), only_a=st.booleans())
async def test_cohorts_and_rfm_equal_sql_on_raw_orders(services, meli_account_a, entries, seed_, only_a) -> None:
    account_a, account_b = await accounts(services, meli_account_a)
    tenant = account_a.tenant_id
    await sql(services, tenant, "DELETE FROM orders")
    await sql(services, tenant, "DELETE FROM customer_months")
    batch = next(_batches)
    deliveries = [v for n, entry in enumerate(entries) for v in versions(n, entry, batch)]
    random.Random(seed_).shuffle(deliveries)
    for on_b, raw in deliveries:
        await apply_orders(services, account_b if on_b else account_a, [raw])
    selected = [account_a.id] if only_a else [account_a.id, account_b.id]
    first, last = date(2025, 1, 1), date(2025, 4, 30)
    async with services.db.tenant(tenant) as session:
        found = await cohorts(session, account_ids=selected, first=first, last=last, today=date(2025, 6, 30))
        segments = await rfm_segments(session, account_ids=selected, now=NOW)
    rows = await sql(services, tenant, EXPECTED_COHORTS, zone=ZONE, accounts=selected, first=first, last=last)
    expected: dict[date, dict[int, int]] = {}
    for row in rows:
        after = (row.month.year - row.cohort.year) * 12 + row.month.month - row.cohort.month
        expected.setdefault(row.cohort, {})[after] = row.customers
    assert {c.month: {cell.months_after: cell.customers for cell in c.retention if cell.customers} for c in found} == (
        expected
    )
    for cohort in found:
        assert cohort.customers == expected[cohort.month][0]
        assert len(cohort.retention) == (2025 - cohort.month.year) * 12 + 6 - cohort.month.month + 1
    scored = await sql(services, tenant, EXPECTED_RFM, zone=ZONE, accounts=selected, now=NOW)
    by_segment: dict[str, list] = {}
    for row in scored:
        by_segment.setdefault(segment_of(row.r, (row.f + row.m + 1) // 2).value, []).append(row)
    for segment in segments:
        members = by_segment.get(segment.segment.value, [])
        assert segment.customers == len(members)
        monetary: dict[str, Decimal] = {}
        for row in members:
            monetary[row.currency] = monetary.get(row.currency, Decimal(0)) + row.monetary
        assert segment.monetary == monetary
        assert segment.frequency_sum == sum(row.frequency for row in members)
        if members:
            expected_recency = sum(Decimal(row.recency) for row in members) / len(members)
            assert round(segment.average_recency_days or 0, 6) == round(expected_recency, 6)
