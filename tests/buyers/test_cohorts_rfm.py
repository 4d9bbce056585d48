"""Cohorts by first-order month with retention per month after, and RFM segments on the classic grid."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from melihub.buyers.queries import RfmSegmentKey, cohorts, rfm_segments, segment_of
from melihub.connections.models import MeliAccount
from melihub.testing.fixtures import SELLER_A, SELLER_B
from tests.kpis.listing_world import apply_orders, order_raw

_ids = iter(range(2000000000001000, 2000000000009999))


def order(buyer: int, created: datetime, amount: str = "100", **fields) -> dict:
    fields.setdefault("seller", SELLER_A)
    return order_raw(
        next(_ids), item="MLB3012345603", quantity=1, unit_price=Decimal(amount), created=created, buyer=buyer, **fields
    )


def mid(year: int, month: int) -> datetime:
    return datetime(year, month, 15, 12, tzinfo=UTC)


async def test_cohorts_count_first_months_and_who_came_back(services, meli_account_a) -> None:
    await apply_orders(
        services,
        meli_account_a,
        [
            order(1, mid(2025, 1)),
            order(1, mid(2025, 2)),
            order(1, mid(2025, 4)),
            order(2, mid(2025, 1)),
            order(3, mid(2025, 2)),
            order(3, mid(2025, 2) + timedelta(days=3)),
            order(3, mid(2025, 3)),
            order(4, mid(2024, 12)),  # an older cohort: buyer 4 is not new in January
            order(4, mid(2025, 1)),
            order(5, mid(2025, 1), status="cancelled"),  # never counted: no cohort
        ],
    )
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        found = await cohorts(
            session, account_ids=None, first=date(2025, 1, 10), last=date(2025, 2, 3), today=date(2025, 4, 2)
        )
    assert [(c.month, c.customers) for c in found] == [(date(2025, 1, 1), 2), (date(2025, 2, 1), 1)]
    january, february = found
    assert [(cell.months_after, cell.customers, cell.rate) for cell in january.retention] == [
        (0, 2, Decimal(1)),
        (1, 1, Decimal("0.5")),
        (2, 0, Decimal(0)),
        (3, 1, Decimal("0.5")),
    ]
    assert [(cell.months_after, cell.customers) for cell in february.retention] == [(0, 1), (1, 1), (2, 0)]


async def test_cohorts_see_only_the_selected_accounts(services, meli_account_a) -> None:
    other = MeliAccount(tenant_id=meli_account_a.tenant_id, ml_user_id=SELLER_B, site_id="MLA", nickname="B")
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        session.add(other)
    await apply_orders(services, meli_account_a, [order(1, mid(2025, 2))])
    await apply_orders(services, other, [order(1, mid(2025, 1), seller=SELLER_B, currency="ARS")])
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        both = await cohorts(
            session, account_ids=None, first=date(2025, 1, 1), last=date(2025, 2, 1), today=date(2025, 2, 20)
        )
        only_a = await cohorts(
            session,
            account_ids=[meli_account_a.id],
            first=date(2025, 1, 1),
            last=date(2025, 2, 1),
            today=date(2025, 2, 20),
        )
        none = await cohorts(
            session, account_ids=[], first=date(2025, 1, 1), last=date(2025, 2, 1), today=date(2025, 2, 20)
        )
    assert [(c.month, c.customers, [x.customers for x in c.retention]) for c in both] == [(date(2025, 1, 1), 1, [1, 1])]
    assert [(c.month, c.customers) for c in only_a] == [(date(2025, 2, 1), 1)]
    assert none == []


@pytest.mark.parametrize(
    ("r", "fm", "segment"),
    [
        (5, 5, RfmSegmentKey.CHAMPIONS),
        (5, 4, RfmSegmentKey.CHAMPIONS),
        (4, 5, RfmSegmentKey.LOYAL),
        (3, 4, RfmSegmentKey.LOYAL),
        (5, 3, RfmSegmentKey.POTENTIAL),
        (4, 2, RfmSegmentKey.POTENTIAL),
        (5, 1, RfmSegmentKey.NEW),
        (4, 1, RfmSegmentKey.PROMISING),
        (3, 3, RfmSegmentKey.NEED_ATTENTION),
        (3, 1, RfmSegmentKey.NEED_ATTENTION),
        (2, 4, RfmSegmentKey.AT_RISK),
        (1, 3, RfmSegmentKey.AT_RISK),
        (2, 5, RfmSegmentKey.CANT_LOSE),
        (1, 5, RfmSegmentKey.CANT_LOSE),
        (2, 2, RfmSegmentKey.HIBERNATING),
        (1, 2, RfmSegmentKey.HIBERNATING),
        (1, 1, RfmSegmentKey.LOST),
    ],
)
def test_the_segment_grid(r: int, fm: int, segment: RfmSegmentKey) -> None:
    assert segment_of(r, fm) == segment


def test_every_cell_of_the_grid_has_a_segment() -> None:
    assert {segment_of(r, fm) for r in range(1, 6) for fm in range(1, 6)} == set(RfmSegmentKey)


async def test_rfm_scores_recency_frequency_and_monetary_by_quintile(services, meli_account_a) -> None:
    now = datetime(2025, 6, 1, tzinfo=UTC)
    raws = []
    for buyer in range(1, 6):  # buyer k: k orders of k x 100, the last one (6 - k) x 10 days ago
        last = now - timedelta(days=(6 - buyer) * 10)
        raws += [order(buyer, last - timedelta(days=n), amount=str(buyer * 100)) for n in range(buyer)]
    await apply_orders(services, meli_account_a, raws)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        found = {s.segment: s for s in await rfm_segments(session, account_ids=None, now=now)}
    assert list(found) == list(RfmSegmentKey)
    assert {key: s.customers for key, s in found.items() if s.customers} == {
        RfmSegmentKey.CHAMPIONS: 1,
        RfmSegmentKey.LOYAL: 1,
        RfmSegmentKey.NEED_ATTENTION: 1,
        RfmSegmentKey.HIBERNATING: 1,
        RfmSegmentKey.LOST: 1,
    }
    champion = found[RfmSegmentKey.CHAMPIONS]
    assert champion.monetary == {"BRL": Decimal("2500.00")} and champion.share == Decimal("0.2")
    assert champion.average_recency_days == Decimal(10) and champion.average_frequency == Decimal(5)
    assert found[RfmSegmentKey.LOST].average_recency_days == Decimal(50)
    assert found[RfmSegmentKey.NEW].average_frequency is None and found[RfmSegmentKey.NEW].share == 0
