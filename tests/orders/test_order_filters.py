"""orders(filter: {exception, dispatchBefore, search}): what the packing bench and /pedidos ask the server."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlmodel import col, select

from melihub.accounts.models import Role
from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.orders.models import Customer, Order, OrderItem
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.testing.graphql import gql
from tests.conftest import api_token_for
from tests.orders.test_order_queries import seed_order

ORDERS = """
query Orders($filter: OrderFilter) {
  orders(filter: $filter, first: 50) { nodes { mlId } }
}
"""


async def _shape(services: Services, order: Order, *, status: str, due_in: timedelta | None, sku: str) -> None:
    """Give the seeded order's shipment a status and dispatch deadline, and its first line a SKU."""
    async with services.db.tenant(order.tenant_id) as session:
        shipment = (await session.exec(select(Shipment).where(Shipment.ml_id == order.shipment_ml_id))).one()
        shipment.status = status
        shipment.handling_limit = utcnow() + due_in if due_in is not None else None
        line = (
            await session.exec(select(OrderItem).where(OrderItem.order_id == order.id, OrderItem.line_no == 1))
        ).one()
        line.sku = sku
        line.title = f"Caneca 100% {sku}"
        session.add_all([shipment, line])


async def three_orders(services: Services, account: MeliAccount) -> tuple[Order, Order, Order]:
    late = await seed_order(services, account, minutes=1, with_details=True, pack_id=2000000077700001)
    soon = await seed_order(services, account, minutes=2, with_details=True)
    gone = await seed_order(services, account, minutes=3, with_details=True)
    await _shape(services, late, status="ready_to_ship", due_in=timedelta(hours=-2), sku="CAN-01")
    await _shape(services, soon, status="handling", due_in=timedelta(hours=3), sku="CAN-02")
    await _shape(services, gone, status="delivered", due_in=timedelta(hours=-30), sku="CAN-03")
    return late, soon, gone


async def test_orders_by_their_shipments_exception_and_dispatch_deadline(
    client: httpx.AsyncClient, services: Services, tenant_a: Any, meli_account_a: MeliAccount
) -> None:
    late, soon, _delivered = await three_orders(services, meli_account_a)
    token = await api_token_for(services, tenant_a[0], Role.ANALYST)

    async def found(**filter: Any) -> set[int]:
        body = await gql(client, ORDERS, {"filter": filter}, token=token)
        return {int(node["mlId"]) for node in body["data"]["orders"]["nodes"]}

    assert await found(exception=["LATE_TO_DISPATCH"]) == {late.ml_id}
    assert await found(exception=["NOT_DELIVERED", "RETURNING"]) == set()
    in_four_hours = (utcnow() + timedelta(hours=4)).isoformat()
    assert await found(dispatchBefore=in_four_hours) == {late.ml_id, soon.ml_id}  # a delivered one is done
    assert await found(dispatchBefore=utcnow().isoformat()) == {late.ml_id}
    assert await found(dispatchBefore=in_four_hours, status=["cancelled"]) == set()  # with the other filters


async def test_orders_by_the_numbers_skus_titles_and_buyers_a_packer_has_in_hand(
    client: httpx.AsyncClient, services: Services, tenant_a: Any, meli_account_a: MeliAccount
) -> None:
    late, soon, gone = await three_orders(services, meli_account_a)
    token = await api_token_for(services, tenant_a[0], Role.ANALYST)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        buyer = (await session.exec(select(Customer).where(col(Customer.id) == soon.customer_id))).one()

    async def found(search: str) -> set[int]:
        body = await gql(client, ORDERS, {"filter": {"search": search}}, token=token)
        return {int(node["mlId"]) for node in body["data"]["orders"]["nodes"]}

    assert await found(str(soon.ml_id)) == {soon.ml_id}  # the order's number
    assert await found(" 2000000077700001 ") == {late.ml_id}  # its pack's, trimmed
    assert await found(str(gone.shipment_ml_id)) == {gone.ml_id}  # its shipment's
    assert await found("CAN-02") == {soon.ml_id}  # a line's SKU, exactly
    assert await found("CAN-0") == {late.ml_id, soon.ml_id, gone.ml_id}  # ... and in part of the titles
    assert await found(str(buyer.nickname)[-6:].lower()) == {soon.ml_id}  # part of the buyer's nickname
    assert await found("100%") == {late.ml_id, soon.ml_id, gone.ml_id}  # % is a character
    assert await found("1%0") == set()  # ... not a wildcard
    assert await found("9" * 40) == set()  # a number too long for an id is only text
