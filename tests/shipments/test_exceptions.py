"""Shipment exceptions: the Python rule (Shipment.exception) and the SQL one (the filter, the floor) agree on
every combination of status, substatus, dates and label; a shipment has at most one; the API lists them."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import col, select

from melihub.accounts.models import Role
from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.runtime import Services
from melihub.shipments.exceptions import ShipmentException, exception_condition, exception_of
from melihub.shipments.models import Shipment
from melihub.shipments.service import apply_shipment, apply_shipments
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import gid, gql
from tests.conftest import api_token_for

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
STATUSES = ("pending", "handling", "ready_to_ship", "shipped", "delivered", "not_delivered", "cancelled")
SUBSTATUSES = (None, "printed", "returning_to_sender", "returned", "lost")
LIMITS = (None, NOW - HOUR, NOW + HOUR)  # handling limit and estimated delivery limit: none, past, future
CHANGED = (NOW - timedelta(days=2), NOW - timedelta(days=45))  # recent, older than the 30-day window
_ids = itertools.count(46000000001)


def every_combination(account: MeliAccount) -> list[Shipment]:
    return [
        Shipment(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=next(_ids),
            status=status,
            substatus=substatus,
            handling_limit=handling,
            estimated_delivery_limit=delivery,
            label_printed_at=NOW - HOUR * 5 if labelled else None,
            ml_last_updated=changed,
            synced_at=changed,
        )
        for status, substatus, handling, delivery, labelled, changed in itertools.product(
            STATUSES, SUBSTATUSES, LIMITS, LIMITS, (False, True), CHANGED
        )
    ]


async def test_the_sql_rule_finds_exactly_the_shipments_the_python_rule_names(
    services: Services, meli_account_a: MeliAccount
) -> None:
    rows = every_combination(meli_account_a)
    expected = {row.ml_id: exception_of(row, NOW) for row in rows}
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        session.add_all(rows)
    found: dict[int, list[ShipmentException]] = {}
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for kind in ShipmentException:
            query = select(col(Shipment.ml_id)).where(exception_condition(kind, NOW))
            for ml_id in (await session.exec(query)).all():
                found.setdefault(ml_id, []).append(kind)

    assert all(len(kinds) == 1 for kinds in found.values())  # at most one exception per shipment
    assert {ml_id: kinds[0] for ml_id, kinds in found.items()} == {k: v for k, v in expected.items() if v}
    assert set(expected.values()) == {None, *ShipmentException}  # each occurs: the comparison is not vacuous


def shipment(**fields: Any) -> Shipment:
    values: dict[str, Any] = {"ml_id": 1, "status": "ready_to_ship", "ml_last_updated": NOW - HOUR, **fields}
    return Shipment(**values)


def test_each_exception_as_the_docs_define_it() -> None:
    late = exception_of(shipment(handling_limit=NOW - HOUR), NOW)
    assert late is ShipmentException.LATE_TO_DISPATCH
    assert exception_of(shipment(handling_limit=NOW + HOUR), NOW) is None
    assert (
        exception_of(shipment(status="handling", handling_limit=NOW - HOUR), NOW) is ShipmentException.LATE_TO_DISPATCH
    )
    overdue = shipment(status="shipped", estimated_delivery_limit=NOW - HOUR)
    assert exception_of(overdue, NOW) is ShipmentException.NOT_DELIVERED
    assert exception_of(shipment(status="shipped", estimated_delivery_limit=NOW + HOUR), NOW) is None
    assert exception_of(shipment(status="not_delivered", substatus="lost"), NOW) is ShipmentException.NOT_DELIVERED
    assert exception_of(shipment(status="not_delivered", substatus=None), NOW) is ShipmentException.NOT_DELIVERED
    for back in ("returning_to_sender", "returned_to_hub", "returned"):
        assert exception_of(shipment(status="not_delivered", substatus=back), NOW) is ShipmentException.RETURNING
    assert exception_of(shipment(status="cancelled"), NOW) is None  # no label: nothing was packed for it
    labelled = shipment(status="cancelled", label_printed_at=NOW - HOUR)
    assert exception_of(labelled, NOW) is ShipmentException.CANCELLED_AFTER_LABEL
    stale = shipment(status="not_delivered", substatus="lost", ml_last_updated=NOW - timedelta(days=31))
    assert exception_of(stale, NOW) is None  # older than the window: history, not work
    old_late = shipment(handling_limit=NOW - timedelta(days=60), ml_last_updated=NOW - timedelta(days=60))
    assert exception_of(old_late, NOW) is ShipmentException.LATE_TO_DISPATCH  # still to dispatch


def raw_shipment(ml_id: int, status: str, substatus: str | None, minutes: int = 0) -> dict[str, Any]:
    raw: dict[str, Any] = load_fixture("shipments/44123456701.json")
    updated = (utcnow() - HOUR + timedelta(minutes=minutes)).isoformat()
    return {**raw, "id": ml_id, "status": status, "substatus": substatus, "last_updated": updated}


async def stored(services: Services, account: MeliAccount, ml_id: int) -> Shipment:
    async with services.db.tenant(account.tenant_id) as session:
        return (await session.exec(select(Shipment).where(Shipment.ml_id == ml_id))).one()


async def test_applying_a_shipment_past_its_first_print_records_that_a_label_exists(
    services: Services, meli_account_a: MeliAccount
) -> None:
    account = meli_account_a
    async with services.db.tenant(account.tenant_id) as session:
        await apply_shipment(session, account, raw_shipment(47000000001, "ready_to_ship", "ready_to_print"))
        await apply_shipments(session, account, [raw_shipment(47000000002, "ready_to_ship", "in_pickup_list")])
    assert (await stored(services, account, 47000000001)).label_printed_at is None
    assert (await stored(services, account, 47000000002)).label_printed_at is not None

    async with services.db.tenant(account.tenant_id) as session:
        await apply_shipment(session, account, raw_shipment(47000000001, "ready_to_ship", "printed", minutes=5))
    first_print = (await stored(services, account, 47000000001)).label_printed_at
    assert first_print is not None
    async with services.db.tenant(account.tenant_id) as session:
        await apply_shipment(session, account, raw_shipment(47000000001, "cancelled", None, minutes=9))
    after = await stored(services, account, 47000000001)
    assert after.label_printed_at == first_print  # kept once the shipment moves on
    assert exception_of(after, utcnow()) is ShipmentException.CANCELLED_AFTER_LABEL


SHIPMENTS = """
query Shipments($exception: [ShipmentException!]) {
  shipments(filter: {exception: $exception}, first: 100) { nodes { id exception labelPrintedAt } }
}
"""


async def test_the_shipments_filter_and_field_show_each_exception(
    client: Any, services: Services, tenant_a: Any, meli_account_a: MeliAccount
) -> None:
    account, now = meli_account_a, utcnow()
    rows = {
        "late": shipment(ml_id=48000000001, handling_limit=now - HOUR, ml_last_updated=now),
        "on_time": shipment(ml_id=48000000002, handling_limit=now + HOUR, ml_last_updated=now),
        "returning": shipment(ml_id=48000000003, status="not_delivered", substatus="returned", ml_last_updated=now),
        "cancelled": shipment(ml_id=48000000004, status="cancelled", label_printed_at=now, ml_last_updated=now),
    }
    for row in rows.values():
        row.tenant_id, row.meli_account_id = account.tenant_id, account.id
    async with services.db.tenant(account.tenant_id) as session:
        session.add_all(rows.values())
    token = await api_token_for(services, tenant_a[0], Role.ANALYST)

    async def listed(*kinds: str) -> dict[str, str | None]:
        body = await gql(client, SHIPMENTS, {"exception": list(kinds) or None}, token=token)
        assert not body.get("errors"), body
        return {node["id"]: node["exception"] for node in body["data"]["shipments"]["nodes"]}

    ids = {name: gid("Shipment", row.id) for name, row in rows.items()}
    assert await listed("LATE_TO_DISPATCH") == {ids["late"]: "LATE_TO_DISPATCH"}
    assert await listed("RETURNING", "CANCELLED_AFTER_LABEL") == {
        ids["returning"]: "RETURNING",
        ids["cancelled"]: "CANCELLED_AFTER_LABEL",
    }
    assert await listed("NOT_DELIVERED") == {}
    assert (await listed())[ids["on_time"]] is None
