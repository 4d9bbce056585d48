"""Order.packOrders: the other orders bought in the same pack (cart), never the order itself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from melihub.connections.models import MeliAccount
from melihub.orders.models import Order
from melihub.runtime import Services
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD

PACK_ID = 2000008123456789
PACK_ORDERS = """
query { orders(first: 20) { edges { node { mlId packId packOrders { mlId packId } } } } }
"""


async def _orders(services: Services, account: MeliAccount, ml_ids: list[int], pack_id: int | None) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        session.add_all(
            Order(
                tenant_id=account.tenant_id,
                meli_account_id=account.id,
                ml_id=ml_id,
                pack_id=pack_id,
                status="paid",
                total_amount=Decimal("10.00"),
                currency_id="BRL",
            )
            for ml_id in ml_ids
        )


def _pack_orders_by_order(body: dict[str, Any]) -> dict[str, list[str]]:
    assert "errors" not in body, body
    return {
        edge["node"]["mlId"]: [other["mlId"] for other in edge["node"]["packOrders"]]
        for edge in body["data"]["orders"]["edges"]
    }


async def test_each_order_of_a_pack_lists_the_others_and_an_order_without_a_pack_none(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount, meli_account_b: MeliAccount
) -> None:
    await _orders(services, meli_account_a, [2000000000000003, 2000000000000001, 2000000000000002], PACK_ID)
    await _orders(services, meli_account_a, [2000000000000009], None)
    await _orders(services, meli_account_b, [2000000000000005], PACK_ID)  # another tenant: never a sibling
    await login(client, "ana@aurora.example", OWNER_PASSWORD)

    seen = _pack_orders_by_order(await gql(client, PACK_ORDERS))

    assert seen == {
        "2000000000000001": ["2000000000000002", "2000000000000003"],
        "2000000000000002": ["2000000000000001", "2000000000000003"],
        "2000000000000003": ["2000000000000001", "2000000000000002"],
        "2000000000000009": [],
    }
