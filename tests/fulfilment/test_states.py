"""An order's fulfilment state: the Python rule (Order.fulfilment) and the SQL one (the orders filter) agree on
every combination of order status, tags, marks and shipment status, and the filter lists exactly those."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select as sql_select
from sqlmodel import col, select

from melihub.connections.models import MeliAccount
from melihub.fulfilment.states import FulfilmentState, order_state, state_column, state_of, with_shipment_status
from melihub.orders.models import Order
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.testing.graphql import gid
from melihub.testing.sqlcount import count_statements
from tests.fulfilment.world import Bench

ORDER_STATUSES = ("paid", "partially_refunded", "payment_in_process", "cancelled", "invalid")
TAGS = ((), ("delivered",))
MARKS = ("none", "picked", "packed")
SHIPMENT_STATUSES = (None, "pending", "handling", "ready_to_ship", "shipped", "not_delivered", "delivered", "cancelled")
AT = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
_ids = itertools.count(2000008700000001)

ORDERS = """
query Orders($states: [FulfilmentState!], $after: String) {
  orders(filter: {fulfilmentState: $states}, first: 100, after: $after) {
    totalCount
    nodes { id fulfilment { state } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def every_combination(services: Services, account: MeliAccount) -> dict[int, FulfilmentState]:
    """One order per combination; the state the Python rule gives each, by ML id."""
    rows: list[object] = []
    expected: dict[int, FulfilmentState] = {}
    for status, tags, mark, shipment_status in itertools.product(ORDER_STATUSES, TAGS, MARKS, SHIPMENT_STATUSES):
        ml_id = next(_ids)
        order = Order(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=ml_id,
            status=status,
            tags=list(tags),
            currency_id="BRL",
            total_amount=Decimal("10.00"),
            picked_at=AT if mark in ("picked", "packed") else None,
            packed_at=AT if mark == "packed" else None,
            shipment_ml_id=ml_id if shipment_status else None,
        )
        rows.append(order)
        if shipment_status:
            rows.append(
                Shipment(tenant_id=account.tenant_id, meli_account_id=account.id, ml_id=ml_id, status=shipment_status)
            )
        expected[ml_id] = order_state(order, shipment_status)
    async with services.db.tenant(account.tenant_id) as session:
        session.add_all(rows)
    return expected


async def test_the_sql_rule_gives_every_order_the_state_the_python_rule_gives(
    services: Services, meli_account_a: MeliAccount
) -> None:
    expected = await every_combination(services, meli_account_a)
    joined, shipment_status = with_shipment_status(sql_select(col(Order.ml_id)))
    query = joined.add_columns(state_column(shipment_status))
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        found = {ml_id: FulfilmentState(state) for ml_id, state in (await session.exec(query)).all()}

    assert found == expected
    assert set(found.values()) == set(FulfilmentState)  # every state occurs: the comparison is not vacuous


def test_the_rule_reads_mercado_livre_first_and_melihubs_marks_after() -> None:
    def state(
        status: str, shipment: str | None, *, picked: bool = False, packed: bool = False, tags: list[str] | None = None
    ) -> str:
        return state_of(status, tags or [], AT if picked else None, AT if packed else None, shipment).value

    assert state("paid", "ready_to_ship") == "TO_PICK"
    assert state("payment_in_process", "pending") == "TO_PICK"  # shown, but marking refuses it (NOT_PAID)
    assert state("paid", "ready_to_ship", picked=True) == "PICKED"
    assert state("paid", "ready_to_ship", picked=True, packed=True) == "PACKED"
    assert state("paid", "shipped", packed=True) == "SHIPPED"
    assert state("paid", "not_delivered") == "SHIPPED"
    assert state("paid", "delivered") == "DELIVERED"
    assert state("paid", None, tags=["delivered"]) == "DELIVERED"  # no Mercado Envios: the order's tag
    assert state("paid", "ready_to_ship", tags=["delivered"]) == "TO_PICK"  # the shipment's status wins
    assert state("cancelled", "delivered") == "CANCELLED"
    assert state("paid", "cancelled", packed=True) == "CANCELLED"


async def test_the_orders_filter_lists_exactly_the_orders_in_those_states(bench: Bench, services: Services) -> None:
    expected = await every_combination(services, bench.account)
    wanted = {FulfilmentState.PACKED, FulfilmentState.CANCELLED}
    nodes: list[dict[str, object]] = []
    after = None
    while True:
        body = await bench.call("analyst", ORDERS, {"states": [s.value for s in wanted], "after": after})
        assert not body.get("errors"), body
        page = body["data"]["orders"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    async with services.db.tenant(bench.tenant.id) as session:
        ids = {o.ml_id: o.id for o in (await session.exec(select(Order))).all()}
    assert {node["id"] for node in nodes} == {
        gid("Order", ids[ml]) for ml, state in expected.items() if state in wanted
    }
    assert {node["fulfilment"]["state"] for node in nodes} == {s.value for s in wanted}  # type: ignore[index]
    assert page["totalCount"] == len(nodes)


FULFILMENT_PAGE = """
query Orders($first: Int!) {
  orders(first: $first) { nodes { id fulfilment { state pickedAt pickedBy { email } packedBy { email } } } }
}
"""


async def test_a_page_of_fulfilments_costs_the_same_statements_for_5_orders_or_50(
    bench: Bench, services: Services
) -> None:
    await every_combination(services, bench.account)
    async with services.db.tenant(bench.tenant.id) as session:
        orders = list((await session.exec(select(Order))).all())
        for order in orders:  # marked by the operator, so pickedBy/packedBy load someone
            order.picked_by_user_id = order.packed_by_user_id = bench.user_ids["operator"]
        session.add_all(orders)

    costs = []
    for first in (5, 50):
        with count_statements(services.db) as counted:
            body = await bench.call("analyst", FULFILMENT_PAGE, {"first": first})
        assert not body.get("errors"), body
        assert len(body["data"]["orders"]["nodes"]) == first
        costs.append(counted.queries)
    assert costs == [3, 3]  # the page, its shipments (whose status the state reads), the members who marked
