"""orders/order: keyset paging, filters, nested objects through DataLoaders, tenant and account scope."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import event

from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.catalog.models import Listing
from melihub.connections.models import MeliAccount
from melihub.graphql.context import Context
from melihub.graphql.schema import schema
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.testing.graphql import error_codes, gid, gql
from tests.conftest import api_token_for

BASE_TIME = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
_ml_ids = itertools.count(2000009000000001)

ORDERS = """
query Orders($filter: OrderFilter, $first: Int!, $after: String) {
  orders(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id mlId status packId meliAccountId totalAmount { amount currency } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
ORDERS_DEEP = """
query Orders($first: Int!) {
  orders(first: $first) {
    edges { node {
      id mlId dateCreated updatedAt
      buyer { mlUserId nickname }
      items { lineNo itemMlId quantity unitPrice { amount currency } listing { mlId title } }
      payments { mlId status amount { amount currency } }
      shipment { mlId status trackingNumber orderIds }
    } }
  }
}
"""
ORDER = "query Order($id: ID!) { order(id: $id) { id mlId status } }"


# ---- Seeding (rows written directly: the apply services are tested elsewhere) --------------------


async def seed_order(
    services: Services,
    account: MeliAccount,
    *,
    minutes: int = 0,
    status: str = "paid",
    pack_id: int | None = None,
    with_details: bool = False,
) -> Order:
    """An order of ``account`` stored ``minutes`` after BASE_TIME; with a buyer, lines, payment and
    shipment when ``with_details``."""
    ml_id = next(_ml_ids)
    order = Order(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=ml_id,
        pack_id=pack_id,
        status=status,
        date_created=BASE_TIME,
        total_amount=Decimal("199.90"),
        paid_amount=Decimal("199.90"),
        currency_id="BRL",
        synced_at=BASE_TIME + timedelta(minutes=minutes),
    )
    async with services.db.tenant(account.tenant_id) as session:
        if with_details:
            customer = Customer(tenant_id=account.tenant_id, ml_user_id=ml_id + 7, nickname=f"BUYER{ml_id}")
            shipment = Shipment(
                tenant_id=account.tenant_id,
                meli_account_id=account.id,
                ml_id=ml_id + 5,
                status="ready_to_ship",
                tracking_number=f"TRK{ml_id}",
            )
            session.add_all([customer, shipment])
            order.customer_id = customer.id
            order.shipment_ml_id = shipment.ml_id
        session.add(order)
        await session.flush()
        if with_details:
            session.add_all(_details_of(order))
    return order


def _details_of(order: Order) -> list[Any]:
    lines = [
        OrderItem(
            tenant_id=order.tenant_id,
            order_id=order.id,
            line_no=line_no,
            item_ml_id=f"MLB{order.ml_id}{line_no}",
            title=f"Produto {line_no}",
            quantity=line_no,
            unit_price=Decimal("99.95"),
            currency_id="BRL",
        )
        for line_no in (1, 2)
    ]
    payment = Payment(
        tenant_id=order.tenant_id,
        order_id=order.id,
        ml_id=order.ml_id + 3,
        status="approved",
        transaction_amount=Decimal("199.90"),
        currency_id="BRL",
    )
    return [*lines, payment]


async def seed_listing(services: Services, account: MeliAccount, ml_id: str, title: str) -> Listing:
    listing = Listing(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=ml_id,
        site_id="MLB",
        title=title,
        status="active",
        currency_id="BRL",
    )
    async with services.db.tenant(account.tenant_id) as session:
        session.add(listing)
    return listing


async def second_account(services: Services, tenant_id: uuid.UUID) -> MeliAccount:
    account = MeliAccount(tenant_id=tenant_id, ml_user_id=2409999999, site_id="MLB", nickname="LOJA_OUTRA")
    async with services.db.tenant(tenant_id) as session:
        session.add(account)
    return account


async def token_of(services: Services, tenant_id: uuid.UUID) -> str:
    from melihub.accounts.models import Tenant

    async with services.db.tenant(tenant_id) as session:
        tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    return await api_token_for(services, tenant, Role.ANALYST)


def ids_of(body: dict[str, Any]) -> list[str]:
    assert "errors" not in body, body
    return [edge["node"]["id"] for edge in body["data"]["orders"]["edges"]]


# ---- Paging and filters -------------------------------------------------------------------------


async def test_orders_page_most_recently_changed_first(client: httpx.AsyncClient, services, meli_account_a) -> None:
    orders = [await seed_order(services, meli_account_a, minutes=m) for m in range(5)]
    token = await token_of(services, meli_account_a.tenant_id)
    expected = [gid("Order", o.id) for o in reversed(orders)]

    seen: list[str] = []
    after = None
    pages = 0
    while True:
        body = await gql(client, ORDERS, {"first": 2, "after": after}, token=token)
        seen += ids_of(body)
        page_info = body["data"]["orders"]["pageInfo"]
        pages += 1
        if not page_info["hasNextPage"]:
            break
        after = page_info["endCursor"]
    assert seen == expected
    assert pages == 3
    first = (await gql(client, ORDERS, {"first": 1}, token=token))["data"]["orders"]["edges"][0]["node"]
    assert first["totalAmount"] == {"amount": "199.90", "currency": "BRL"}
    assert first["mlId"] == str(orders[-1].ml_id)


async def test_orders_filter_by_status_pack_account_and_update_time(
    client: httpx.AsyncClient, services, meli_account_a
) -> None:
    paid = await seed_order(services, meli_account_a, minutes=1, status="paid")
    cancelled = await seed_order(services, meli_account_a, minutes=2, status="cancelled", pack_id=2000000555)
    recent = await seed_order(services, meli_account_a, minutes=30, status="paid", pack_id=2000000555)
    token = await token_of(services, meli_account_a.tenant_id)

    async def query(filter: dict[str, Any]) -> list[str]:
        return ids_of(await gql(client, ORDERS, {"first": 50, "filter": filter}, token=token))

    assert await query({"status": ["cancelled"]}) == [gid("Order", cancelled.id)]
    assert await query({"status": "paid"}) == [
        gid("Order", recent.id),
        gid("Order", paid.id),
    ]  # a single value is a list of one
    assert await query({"packId": "2000000555"}) == [gid("Order", recent.id), gid("Order", cancelled.id)]
    since = (BASE_TIME + timedelta(minutes=2)).isoformat()
    assert await query({"updatedSince": since}) == [gid("Order", recent.id), gid("Order", cancelled.id)]
    assert await query({"status": ["paid"], "packId": "2000000555"}) == [gid("Order", recent.id)]
    assert await query({"meliAccountIds": [gid("MeliAccount", meli_account_a.id)]}) == [
        gid("Order", o.id) for o in (recent, cancelled, paid)
    ]
    unknown = await gql(
        client, ORDERS, {"first": 5, "filter": {"meliAccountIds": [gid("MeliAccount", uuid.uuid4())]}}, token=token
    )
    assert error_codes(unknown) == ["NOT_FOUND"] and unknown["data"] is None


async def test_order_with_buyer_lines_payments_and_shipment(
    client: httpx.AsyncClient, services, meli_account_a
) -> None:
    order = await seed_order(services, meli_account_a, with_details=True)
    await seed_listing(services, meli_account_a, f"MLB{order.ml_id}1", "Luminária de mesa")
    token = await token_of(services, meli_account_a.tenant_id)

    body = await gql(client, ORDERS_DEEP, {"first": 10}, token=token)

    assert "errors" not in body, body
    node = body["data"]["orders"]["edges"][0]["node"]
    assert node["buyer"] == {"mlUserId": str(order.ml_id + 7), "nickname": f"BUYER{order.ml_id}"}
    assert [line["lineNo"] for line in node["items"]] == [1, 2]
    assert node["items"][0]["unitPrice"] == {"amount": "99.95", "currency": "BRL"}
    assert node["items"][0]["listing"] == {"mlId": f"MLB{order.ml_id}1", "title": "Luminária de mesa"}
    assert node["items"][1]["listing"] is None  # not stored
    assert node["payments"] == [
        {"mlId": str(order.ml_id + 3), "status": "approved", "amount": {"amount": "199.90", "currency": "BRL"}}
    ]
    assert node["shipment"] == {
        "mlId": str(order.ml_id + 5),
        "status": "ready_to_ship",
        "trackingNumber": f"TRK{order.ml_id}",
        "orderIds": [gid("Order", order.id)],
    }
    single = await gql(client, ORDER, {"id": gid("Order", order.id)}, token=token)
    assert single["data"]["order"] == {"id": gid("Order", order.id), "mlId": str(order.ml_id), "status": "paid"}


async def test_nested_objects_cost_the_same_statements_for_two_orders_or_six(
    client: httpx.AsyncClient, services, meli_account_a
) -> None:
    for minutes in range(6):
        await seed_order(services, meli_account_a, minutes=minutes, with_details=True)
    token = await token_of(services, meli_account_a.tenant_id)
    await gql(client, ORDERS_DEEP, {"first": 1}, token=token)  # warm up: the token's last use is recorded once

    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    engine = services.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        two = await gql(client, ORDERS_DEEP, {"first": 2}, token=token)
        for_two = len(statements)
        statements.clear()
        six = await gql(client, ORDERS_DEEP, {"first": 6}, token=token)
        for_six = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert len(two["data"]["orders"]["edges"]) == 2
    assert len(six["data"]["orders"]["edges"]) == 6
    assert all(edge["node"]["shipment"]["orderIds"] for edge in six["data"]["orders"]["edges"])
    assert for_six == for_two, statements
    # auth + (tenant binding + SELECT) for the page and for each of the 6 loaders (buyer, items, listing,
    # payments, shipment, shipment orders)
    assert for_six <= 16, statements


# ---- Scope --------------------------------------------------------------------------------------


async def test_tenant_b_sees_none_of_tenant_a_orders(
    client: httpx.AsyncClient, services, meli_account_a, meli_account_b
) -> None:
    order_a = await seed_order(services, meli_account_a, with_details=True)
    order_b = await seed_order(services, meli_account_b)
    token_b = await token_of(services, meli_account_b.tenant_id)

    assert ids_of(await gql(client, ORDERS, {"first": 50}, token=token_b)) == [gid("Order", order_b.id)]
    foreign = await gql(client, ORDER, {"id": gid("Order", order_a.id)}, token=token_b)
    assert foreign["data"]["order"] is None and error_codes(foreign) == ["NOT_FOUND"]
    asked_for_a = {"first": 50, "filter": {"meliAccountIds": [gid("MeliAccount", meli_account_a.id)]}}
    refused = await gql(client, ORDERS, asked_for_a, token=token_b)
    assert error_codes(refused) == ["NOT_FOUND"] and refused["data"] is None


async def test_member_restricted_to_some_accounts_sees_only_those(services, meli_account_a) -> None:
    other = await second_account(services, meli_account_a.tenant_id)
    mine = await seed_order(services, meli_account_a, minutes=1)
    hidden = await seed_order(services, other, minutes=2)
    principal = Principal(
        tenant_id=meli_account_a.tenant_id,
        role=Role.ANALYST,
        method=AuthMethod.SESSION,
        meli_account_ids=frozenset({meli_account_a.id}),
    )

    async def execute(query: str, variables: dict[str, Any]) -> Any:
        context = Context(request=None, response=None, services=services, principal=principal)  # type: ignore[arg-type]
        return await schema.execute(query, variable_values=variables, context_value=context)

    async def run(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        result = await execute(query, variables)
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data

    async def refused(query: str, variables: dict[str, Any]) -> list[str]:
        result = await execute(query, variables)
        return [error.extensions["code"] for error in result.errors or []]

    listed = await run(ORDERS, {"first": 50})
    assert [e["node"]["id"] for e in listed["orders"]["edges"]] == [gid("Order", mine.id)]
    asked_for_hidden = {"first": 50, "filter": {"meliAccountIds": [gid("MeliAccount", other.id)]}}
    assert await refused(ORDERS, asked_for_hidden) == ["NOT_FOUND"]
    assert await refused(ORDER, {"id": gid("Order", hidden.id)}) == ["NOT_FOUND"]
    assert (await run(ORDER, {"id": gid("Order", mine.id)}))["order"]["id"] == gid("Order", mine.id)


# ---- Bad input and credentials ------------------------------------------------------------------


async def test_bad_paging_input_and_missing_credentials(client: httpx.AsyncClient, services, meli_account_a) -> None:
    token = await token_of(services, meli_account_a.tenant_id)
    for variables in ({"first": 0}, {"first": 101}, {"first": 5, "after": "not-a-cursor"}):
        assert error_codes(await gql(client, ORDERS, variables, token=token)) == ["BAD_USER_INPUT"], variables
    too_many = await gql(client, ORDERS, {"first": 101}, token=token)
    assert "between 1 and 100" in too_many["errors"][0]["message"]  # said, never silently capped
    malformed = await gql(client, ORDER, {"id": "nope"}, token=token)
    assert error_codes(malformed) == ["NOT_FOUND"] and malformed["data"]["order"] is None
    listing_id = await gql(client, ORDER, {"id": gid("Listing", uuid.uuid4())}, token=token)
    assert error_codes(listing_id) == ["NOT_FOUND"]  # a global id of another type names no order
    bad_pack = {"first": 5, "filter": {"packId": "x1"}}
    assert error_codes(await gql(client, ORDERS, bad_pack, token=token)) == ["BAD_USER_INPUT"]
    assert error_codes(await gql(client, ORDERS, {"first": 5})) == ["UNAUTHENTICATED"]
