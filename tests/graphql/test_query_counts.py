"""SQL statements per list query: nested objects cost one statement per relation, never one per row.

Each list is asked for 5 and for 50 rows with every nested field the dashboard shows; both must cost the
same statements, and the pinned figure (tenant setups of ``Database.tenant()`` aside: they are counted,
and equal, but not part of the figure). A new N+1 breaks the equality; a new relation breaks the pin,
which is then raised on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from melihub.catalog.models import Listing, Variation
from melihub.connections.models import MeliAccount
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.questions.models import Question
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.testing.graphql import gql, login
from melihub.testing.sqlcount import StatementCount, count_statements
from tests.conftest import OWNER_PASSWORD

BASE_TIME = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
ORDERS, LISTINGS, BUYERS = 60, 60, 20
PACKED = {0, 1, 12, 13, 24, 25, 36, 37, 48, 49}  # 5 packs of 2 consecutive orders, one among the newest 5

ORDERS_NESTED = """
query Orders($first: Int!) {
  orders(first: $first) { edges { node {
    id mlId status
    buyer { id nickname }
    items { title quantity listing { id title variations { id sku } } }
    shipment { id status orderIds }
    payments { id status amount { amount currency } }
    packOrders { id mlId }
  } } }
}
"""
LISTINGS_NESTED = """
query Listings($first: Int!) {
  listings(first: $first) { edges { node { id title variations { id sku price { amount } } } } }
}
"""
QUESTIONS_NESTED = """
query Questions($first: Int!) {
  questions(first: $first) { edges { node { id text listing { id title } } } }
}
"""


# ---- A tenant with enough of everything (rows written directly with the domain models) ----------


def _listings(account: MeliAccount) -> list[Any]:
    rows: list[Any] = []
    for n in range(LISTINGS):
        listing = Listing(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=f"MLB{3000000000 + n}",
            site_id="MLB",
            title=f"Produto {n}",
            status="active",
            price=Decimal("49.90"),
            currency_id="BRL",
            synced_at=BASE_TIME - timedelta(minutes=n),
        )
        variations = [
            Variation(
                tenant_id=account.tenant_id,
                item_id=listing.id,
                ml_id=170000000000 + n * 10 + v,
                sku=f"SKU-{n}-{v}",
                price=Decimal("49.90"),
            )
            for v in (1, 2)
        ]
        rows += [listing, *variations]
    return rows


def _order_rows(account: MeliAccount, n: int, buyer: Customer, shipment: Shipment) -> list[Any]:
    """Order ``n`` (0 is the most recently changed) with two lines and a payment."""
    ml_id = 2000010000000000 + n
    order = Order(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=ml_id,
        pack_id=2000020000000000 + n // 2 if n in PACKED else None,
        status="paid",
        date_created=BASE_TIME,
        total_amount=Decimal("99.80"),
        currency_id="BRL",
        customer_id=buyer.id,
        shipment_ml_id=shipment.ml_id,
        synced_at=BASE_TIME - timedelta(minutes=n),
    )
    lines = [
        OrderItem(
            tenant_id=account.tenant_id,
            order_id=order.id,
            line_no=line_no,
            item_ml_id=f"MLB{3000000000 + (n + line_no) % LISTINGS}",
            title=f"Produto {(n + line_no) % LISTINGS}",
            quantity=line_no,
            unit_price=Decimal("49.90"),
            currency_id="BRL",
        )
        for line_no in (1, 2)
    ]
    payment = Payment(
        tenant_id=account.tenant_id,
        order_id=order.id,
        ml_id=ml_id + 1,
        status="approved",
        transaction_amount=Decimal("99.80"),
        currency_id="BRL",
    )
    return [order, *lines, payment]


def _orders(account: MeliAccount) -> list[Any]:
    buyers = [
        Customer(tenant_id=account.tenant_id, ml_user_id=900000000 + b, nickname=f"COMPRADOR{b}") for b in range(BUYERS)
    ]
    rows: list[Any] = list(buyers)
    shipment: Shipment | None = None
    for n in range(ORDERS):
        if shipment is None or not (n in PACKED and n % 2 == 1):  # the second order of a pack shares it
            shipment = Shipment(
                tenant_id=account.tenant_id,
                meli_account_id=account.id,
                ml_id=46000000000 + n,
                status="ready_to_ship",
            )
            rows.append(shipment)
        rows += _order_rows(account, n, buyers[n % BUYERS], shipment)
    return rows


def _questions(account: MeliAccount) -> list[Any]:
    return [
        Question(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=13000000000 + n,
            item_ml_id=f"MLB{3000000000 + n % LISTINGS}",
            status="UNANSWERED",
            text=f"Tem pronta entrega? ({n})",
            synced_at=BASE_TIME - timedelta(minutes=n),
        )
        for n in range(ORDERS)
    ]


@pytest.fixture
async def signed_in(client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount) -> httpx.AsyncClient:
    """The client, signed in as tenant A's owner, whose account holds all of the above."""
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        session.add_all([*_listings(meli_account_a), *_orders(meli_account_a), *_questions(meli_account_a)])
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    return client


# ---- Counting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    queries: int
    tenant_setups: int
    detail: str


async def cost_of(client: httpx.AsyncClient, services: Services, query: str, first: int) -> tuple[list[Any], Cost]:
    """The edges of the list ``query`` returns for ``first`` rows, and the statements it cost."""
    counted: StatementCount
    with count_statements(services.db) as counted:
        body = await gql(client, query, {"first": first})
    assert "errors" not in body, body
    (connection,) = body["data"].values()
    return connection["edges"], Cost(counted.queries, counted.tenant_setups, counted.report())


async def test_orders_with_every_nested_object_cost_8_statements_for_5_orders_or_50(
    signed_in: httpx.AsyncClient, services: Services
) -> None:
    five, for_five = await cost_of(signed_in, services, ORDERS_NESTED, 5)
    fifty, for_fifty = await cost_of(signed_in, services, ORDERS_NESTED, 50)

    assert (len(five), len(fifty)) == (5, 50)
    nodes = [edge["node"] for edge in fifty]
    assert all(node["buyer"]["nickname"] and node["shipment"]["orderIds"] for node in nodes)
    assert all(len(node["payments"]) == 1 and len(node["items"]) == 2 for node in nodes)
    assert all(len(line["listing"]["variations"]) == 2 for node in nodes for line in node["items"])
    assert sum(1 for node in nodes if node["packOrders"]) == len(PACKED)
    assert for_fifty.queries == for_five.queries, for_fifty.detail
    assert for_fifty.tenant_setups == for_five.tenant_setups, for_fifty.detail
    # The page; then buyers, lines, shipments (carrying their order ids), payments, pack orders; then the
    # lines' listings; then their variations. The session cookie costs none (it is checked in Redis).
    assert for_fifty.queries == 8, for_fifty.detail
    assert for_fifty.tenant_setups == 1, for_fifty.detail  # every read of the request in one transaction


async def test_listings_with_variations_cost_2_statements_for_5_listings_or_50(
    signed_in: httpx.AsyncClient, services: Services
) -> None:
    five, for_five = await cost_of(signed_in, services, LISTINGS_NESTED, 5)
    fifty, for_fifty = await cost_of(signed_in, services, LISTINGS_NESTED, 50)

    assert (len(five), len(fifty)) == (5, 50)
    assert all(len(edge["node"]["variations"]) == 2 for edge in fifty)
    assert fifty[0]["node"]["variations"][0]["price"] == {"amount": "49.90"}
    assert (for_fifty.queries, for_fifty.tenant_setups) == (for_five.queries, for_five.tenant_setups)
    assert for_fifty.queries == 2, for_fifty.detail  # the page, the variations


async def test_questions_with_their_listing_cost_2_statements_for_5_questions_or_50(
    signed_in: httpx.AsyncClient, services: Services
) -> None:
    five, for_five = await cost_of(signed_in, services, QUESTIONS_NESTED, 5)
    fifty, for_fifty = await cost_of(signed_in, services, QUESTIONS_NESTED, 50)

    assert (len(five), len(fifty)) == (5, 50)
    assert all(edge["node"]["listing"]["title"].startswith("Produto") for edge in fifty)
    assert (for_fifty.queries, for_fifty.tenant_setups) == (for_five.queries, for_five.tenant_setups)
    assert for_fifty.queries == 2, for_fifty.detail  # the page, the listings


ORDERS_BY_FRAGMENT = """
fragment Line on OrderItem { title listing { ... on Listing { id variations { id } } } }
query Orders($first: Int!) {
  orders(first: $first) { edges { node { id } } nodes { ...on Order { buyer { id } items { ...Line } } } }
}
"""


async def test_fragments_and_nodes_are_looked_ahead_like_edges(
    signed_in: httpx.AsyncClient, services: Services
) -> None:
    """Generated clients select through fragments and ``nodes``: the page primes the same loaders."""
    fifty, cost = await cost_of(signed_in, services, ORDERS_BY_FRAGMENT, 50)

    assert len(fifty) == 50
    # The page, buyers, lines, listings, variations: one statement each, in one transaction.
    assert (cost.queries, cost.tenant_setups) == (5, 1), cost.detail
