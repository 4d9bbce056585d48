"""Rollup upkeep through the real appliers: each changed row's buckets recomputed, replays counting once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from melihub.connections.models import MeliAccount
from melihub.kpis.metrics import Granularity, MetricKey
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from tests.kpis import payloads
from tests.kpis.helpers import metric, notify, owner_of, report, sync_page

ZONE = ZoneInfo("America/Sao_Paulo")
DAY = date(2026, 3, 10)
MORNING = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)


def _order(ml_id: int, status: str, minutes: int = 0, **extra: object) -> dict[str, object]:
    created = MORNING + timedelta(minutes=minutes)
    return payloads.order(
        ml_id,
        seller=SELLER_A,
        buyer=900 + ml_id % 7,
        created=created,
        updated=extra.pop("updated", created + timedelta(minutes=1)),  # type: ignore[arg-type]
        status=status,
        lines=extra.pop("lines", [("MLB1", 2, Decimal("50.00"))]),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


async def test_a_paid_order_counts_once_however_often_it_is_applied(
    services: Services, meli_account_a: MeliAccount
) -> None:
    paid = _order(1, "paid")
    await notify(services.db, meli_account_a, "order", paid)
    await notify(services.db, meli_account_a, "order", paid)
    await sync_page(services.db, meli_account_a, "order", [paid, _order(2, "payment_in_process", 5)])

    data = await report(services.db, owner_of(meli_account_a), DAY, DAY)

    assert metric(data, MetricKey.GMV, "BRL").total == Decimal("100.00")
    assert metric(data, MetricKey.ORDERS).total == 1
    assert metric(data, MetricKey.UNITS).total == 2
    assert [p.value for p in metric(data, MetricKey.ORDERS).series] == [1]


async def test_a_refund_then_an_older_version_leaves_the_refunded_figures(
    services: Services, meli_account_a: MeliAccount
) -> None:
    paid = _order(3, "paid")
    refunded = _order(3, "partially_refunded", refunded=Decimal("30.00"), updated=MORNING + timedelta(hours=2))
    await notify(services.db, meli_account_a, "order", paid)
    await notify(services.db, meli_account_a, "order", refunded)
    await notify(services.db, meli_account_a, "order", paid)  # older, out of order: ignored

    data = await report(services.db, owner_of(meli_account_a), DAY, DAY)

    assert metric(data, MetricKey.GMV, "BRL").total == Decimal("70.00")
    assert metric(data, MetricKey.REFUNDS).total == 1
    assert metric(data, MetricKey.REFUNDED_AMOUNT, "BRL").total == Decimal("30.00")


async def test_a_pack_is_one_sale_until_its_first_order_is_cancelled(
    services: Services, meli_account_a: MeliAccount
) -> None:
    first = _order(10, "paid", 0, pack_id=500)
    second = _order(11, "paid", 90, pack_id=500)  # another hour of the same day
    await sync_page(services.db, meli_account_a, "order", [first, second])
    before = await report(services.db, owner_of(meli_account_a), DAY, DAY, Granularity.HOUR)

    cancelled = _order(10, "cancelled", 0, pack_id=500, updated=MORNING + timedelta(hours=5))
    await notify(services.db, meli_account_a, "order", cancelled)
    after = await report(services.db, owner_of(meli_account_a), DAY, DAY, Granularity.HOUR)

    assert metric(before, MetricKey.AVERAGE_TICKET, "BRL").total == Decimal("200.00")
    assert metric(after, MetricKey.AVERAGE_TICKET, "BRL").total == Decimal("100.00")
    assert metric(after, MetricKey.CANCELLATION_RATE).total == Decimal("0.5")
    hours = {p.start.hour: p.value for p in metric(after, MetricKey.AVERAGE_TICKET, "BRL").series if p.value}
    assert hours == {11: Decimal("100.00")}  # the sale moved to the hour of the order left in the pack


async def test_an_answer_taken_back_leaves_the_hour_it_was_counted_in(
    services: Services, meli_account_a: MeliAccount
) -> None:
    asked = MORNING
    answered = payloads.question(
        31, seller=SELLER_A, item="MLB1", created=asked, answered=asked + timedelta(minutes=20)
    )
    taken_back = payloads.question(31, seller=SELLER_A, item="MLB1", created=asked, answered=None)
    answered["last_updated"] = payloads.ml_time(asked + timedelta(minutes=20))
    taken_back["last_updated"] = payloads.ml_time(asked + timedelta(hours=3))

    await notify(services.db, meli_account_a, "question", answered)
    before = await report(services.db, owner_of(meli_account_a), DAY, DAY)
    await notify(services.db, meli_account_a, "question", taken_back)
    after = await report(services.db, owner_of(meli_account_a), DAY, DAY)

    assert metric(before, MetricKey.QUESTION_SLA_COMPLIANCE).total == 1
    assert metric(before, MetricKey.QUESTION_RESPONSE_P50).total == 20 * 60
    assert metric(after, MetricKey.QUESTION_SLA_COMPLIANCE).total is None
    assert metric(after, MetricKey.QUESTION_RESPONSE_P50).total is None


async def test_a_shipment_counts_where_it_was_dispatched_once_stored_shipped(
    services: Services, meli_account_a: MeliAccount
) -> None:
    created, limit = MORNING, MORNING + timedelta(hours=24)
    ready = payloads.shipment(41, created=created, updated=created, status="ready_to_ship", handling_limit=limit)
    shipped = payloads.shipment(
        41, created=created, updated=limit + timedelta(hours=2), status="shipped", handling_limit=limit
    )
    returned = payloads.shipment(
        41,
        created=created,
        updated=limit + timedelta(days=3),
        status="not_delivered",
        substatus="returning_to_sender",
        handling_limit=limit,
    )
    await notify(services.db, meli_account_a, "shipment", returned)  # the newest first: dispatched, late
    await notify(services.db, meli_account_a, "shipment", shipped)
    await notify(services.db, meli_account_a, "shipment", ready)

    data = await report(services.db, owner_of(meli_account_a), DAY, DAY + timedelta(days=4))

    assert metric(data, MetricKey.FILL_RATE).total == 0
    assert metric(data, MetricKey.LATE_SHIPMENTS).total == 1
    assert (metric(data, MetricKey.NOT_DELIVERED).total, metric(data, MetricKey.RETURNS).total) == (1, 1)
    late_days = [p.start.date() for p in metric(data, MetricKey.LATE_SHIPMENTS).series if p.value]
    assert late_days == [DAY + timedelta(days=4)]  # first stored dispatched: that version's last update
