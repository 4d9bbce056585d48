"""Relay conventions: global ids, node/nodes, connections paged both ways, sorting and totalCount."""

from __future__ import annotations

import base64
import uuid
from decimal import Decimal
from typing import Any

import httpx

from melihub.testing.graphql import error_codes, gid, gql
from tests.orders.test_order_queries import seed_order, token_of

PAGE = """
query Page($first: Int, $after: String, $last: Int, $before: String, $sort: OrderSort) {
  orders(first: $first, after: $after, last: $last, before: $before, sort: $sort) {
    edges { cursor node { id } }
    nodes { id totalAmount { amount } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}
"""
NODE = "query($id: ID!) { node(id: $id) { __typename id ... on Order { mlId } } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"


def ids(body: dict[str, Any]) -> list[str]:
    assert "errors" not in body, body
    return [edge["node"]["id"] for edge in body["data"]["orders"]["edges"]]


async def test_global_ids_are_opaque_and_type_tagged(client: httpx.AsyncClient, services, meli_account_a) -> None:
    order = await seed_order(services, meli_account_a)
    token = await token_of(services, meli_account_a.tenant_id)
    body = await gql(client, NODE, {"id": gid("Order", order.id)}, token=token)
    node = body["data"]["node"]
    assert node == {"__typename": "Order", "id": gid("Order", order.id), "mlId": str(order.ml_id)}
    assert str(order.id) not in node["id"]  # not the row id itself
    decoded = base64.urlsafe_b64decode(node["id"] + "=" * (-len(node["id"]) % 4)).decode()
    assert decoded == f"Order:{order.id}"


async def test_forward_and_backward_pages_meet(client: httpx.AsyncClient, services, meli_account_a) -> None:
    orders = [await seed_order(services, meli_account_a, minutes=m) for m in range(5)]
    token = await token_of(services, meli_account_a.tenant_id)
    newest_first = [gid("Order", o.id) for o in reversed(orders)]

    first = await gql(client, PAGE, {"first": 2}, token=token)
    assert ids(first) == newest_first[:2]
    assert first["data"]["orders"]["totalCount"] == 5
    assert [n["id"] for n in first["data"]["orders"]["nodes"]] == newest_first[:2]
    info = first["data"]["orders"]["pageInfo"]
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (True, False)

    last = await gql(client, PAGE, {"last": 2}, token=token)
    assert ids(last) == newest_first[-2:]
    assert last["data"]["orders"]["pageInfo"]["hasPreviousPage"] is True

    before = last["data"]["orders"]["pageInfo"]["startCursor"]
    middle = await gql(client, PAGE, {"last": 1, "before": before}, token=token)
    assert ids(middle) == [newest_first[2]]
    back = await gql(
        client, PAGE, {"first": 10, "after": middle["data"]["orders"]["pageInfo"]["endCursor"]}, token=token
    )
    assert ids(back) == newest_first[3:]


async def test_sort_by_amount_both_ways_with_nulls_last(client: httpx.AsyncClient, services, meli_account_a) -> None:
    cheap = await seed_order(services, meli_account_a, minutes=1)
    dear = await seed_order(services, meli_account_a, minutes=2)
    unknown = await seed_order(services, meli_account_a, minutes=3)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for order, amount in ((cheap, Decimal("10.00")), (dear, Decimal("900.00")), (unknown, None)):
            stored = await session.get(type(order), order.id)
            stored.total_amount = amount
            session.add(stored)
    token = await token_of(services, meli_account_a.tenant_id)

    async def sorted_ids(direction: str, page: int) -> list[str]:
        seen: list[str] = []
        after = None
        while True:
            sort = {"field": "TOTAL_AMOUNT", "direction": direction}
            body = await gql(client, PAGE, {"first": page, "after": after, "sort": sort}, token=token)
            seen += ids(body)
            info = body["data"]["orders"]["pageInfo"]
            if not info["hasNextPage"]:
                return seen
            after = info["endCursor"]

    expected_asc = [gid("Order", o.id) for o in (cheap, dear, unknown)]
    expected_desc = [gid("Order", o.id) for o in (dear, cheap, unknown)]
    for page in (1, 2, 3):
        assert await sorted_ids("ASC", page) == expected_asc
        assert await sorted_ids("DESC", page) == expected_desc


async def test_paging_mistakes_are_clear_errors(client: httpx.AsyncClient, services, meli_account_a) -> None:
    await seed_order(services, meli_account_a)
    token = await token_of(services, meli_account_a.tenant_id)
    by_update = await gql(client, PAGE, {"first": 1}, token=token)
    cursor = by_update["data"]["orders"]["pageInfo"]["endCursor"]
    other_sort = {"first": 1, "after": cursor, "sort": {"field": "DATE_CREATED", "direction": "ASC"}}
    for variables in ({"first": 1, "last": 1}, {"last": 0}, {"last": 101}, other_sort):
        body = await gql(client, PAGE, variables, token=token)
        assert error_codes(body) == ["BAD_USER_INPUT"], variables


async def test_nodes_answers_each_id_in_order(
    client: httpx.AsyncClient, services, meli_account_a, meli_account_b
) -> None:
    mine = await seed_order(services, meli_account_a)
    foreign = await seed_order(services, meli_account_b)
    token = await token_of(services, meli_account_a.tenant_id)
    wanted = [gid("Order", mine.id), gid("Order", foreign.id), "garbage", gid("MeliAccount", meli_account_a.id)]

    body = await gql(client, NODES, {"ids": wanted}, token=token)

    assert body["data"]["nodes"] == [
        {"__typename": "Order", "id": wanted[0]},
        None,
        None,
        {"__typename": "MeliAccount", "id": wanted[3]},
    ]
    assert sorted((e["path"], e["extensions"]["code"]) for e in body["errors"]) == [
        (["nodes", 1], "NOT_FOUND"),
        (["nodes", 2], "NOT_FOUND"),
    ]
    too_many = await gql(client, NODES, {"ids": [gid("Order", uuid.uuid4()) for _ in range(101)]}, token=token)
    assert error_codes(too_many) == ["BAD_USER_INPUT"]
