"""An operation's cost, by Shopify's rule, computed before it runs; over the maximum it is refused."""

from __future__ import annotations

import time
from typing import Any

import httpx
from graphql import build_schema, parse

from melihub.graphql.cost import actual_cost, requested_cost
from melihub.graphql.schema import schema
from melihub.testing.graphql import error_codes, gql
from tests.conftest import api_token_for


def cost(query: str, variables: dict[str, Any] | None = None) -> int:
    return requested_cost(schema._schema, parse(query), None, variables)


# ---- The rule ------------------------------------------------------------------------------------


def test_an_object_costs_one_and_a_scalar_nothing() -> None:
    assert cost("{ tenant { id name slug } }") == 1
    assert cost("{ me { role tenant { name } user { email } } }") == 3


def test_typename_and_introspection_are_free() -> None:
    assert cost("{ __typename }") == 0
    assert cost('{ __schema { types { name fields { name type { name } } } } __type(name: "Order") { name } }') == 0


def test_a_connection_costs_two_plus_its_items_times_first_or_last() -> None:
    """edges { node } and nodes cost the same: an edge is its node's row, the node is the object."""
    assert cost("{ listings(first: 10) { edges { cursor node { id } } } }") == 2 + 10 * 1
    assert cost("{ listings(first: 10) { nodes { id } } }") == 2 + 10 * 1
    assert cost("{ listings(last: 5) { nodes { id price { amount } } } }") == 2 + 5 * (1 + 1)
    # pageInfo is an object like any other, counted once; totalCount is a scalar.
    assert cost("{ listings(first: 10) { nodes { id } pageInfo { hasNextPage } totalCount } }") == 2 + 10 + 1


def test_without_first_or_last_a_connection_counts_the_default_page_of_50() -> None:
    assert cost("{ listings { nodes { id } } }") == 2 + 50


def test_first_may_come_from_a_variable() -> None:
    query = "query ($n: Int) { listings(first: $n) { nodes { id } } }"
    assert cost(query, {"n": 7}) == 2 + 7
    assert cost(query, {"n": None}) == 2 + 50
    assert cost(query, {}) == 2 + 50


def test_a_plain_list_counts_its_elements_once() -> None:
    """variations is a list of objects but not a connection: 1 for it, 1 for each object inside, once."""
    query = "{ listings(first: 10) { nodes { variations { id price { amount } attributes { name } } } } }"
    assert cost(query) == 2 + 10 * (1 + 1 + 1 + 1)


def test_fragments_and_inline_fragments_count_where_they_are_spread() -> None:
    query = """
    { ...Lists }
    fragment Lists on Query { listings(first: 10) { edges { ...Edge } } orders(first: 3) { nodes { id } } }
    fragment Edge on ListingEdge { node { ... on Listing { price { amount } } ... on Node { id } } }
    """
    assert cost(query) == (2 + 10 * (1 + 1)) + (2 + 3 * 1)


def test_skipped_selections_cost_nothing() -> None:
    query = "query ($skip: Boolean!) { tenant @skip(if: $skip) { name } me @include(if: $skip) { role } }"
    assert cost(query, {"skip": True}) == 1
    assert cost(query, {"skip": False}) == 1
    assert cost("{ tenant @skip(if: true) { name } me @include(if: true) { role } }") == 1


def test_a_mutation_costs_ten_plus_what_it_returns() -> None:
    assert cost("mutation { logout { ok } }") == 10
    assert cost('mutation { login(email: "a@b.c", password: "x") { me { tenant { name } } } }') == 10 + 1 + 1


def test_a_subscription_costs_its_selection_like_a_query() -> None:
    assert cost("subscription { orderChanged { id buyer { nickname } items { quantity } } }") == 1 + 1 + 1


def test_nested_connections_multiply() -> None:
    """melihub has no connection inside a node yet: a schema of shops with pages of products shows the rule.
    10 shops, each 1 (its node) + a products connection of 2 + 20 products x 1."""
    shops = build_schema(
        """
        type Query { shops(first: Int, last: Int): ShopConnection! }
        type ShopConnection { edges: [ShopEdge!]! }
        type ShopEdge { cursor: String! node: Shop! }
        type Shop { id: ID! products(first: Int): ProductConnection! }
        type ProductConnection { nodes: [Product!]! }
        type Product { id: ID! title: String! }
        """
    )
    query = "{ shops(first: 10) { edges { node { id products(first: 20) { nodes { id title } } } } } }"
    assert requested_cost(shops, parse(query)) == 2 + 10 * (1 + (2 + 20 * 1))


def test_fragments_fanning_out_are_costed_in_linear_time() -> None:
    """Each fragment spreads the next twice: 2**40 paths, but each fragment is costed once."""
    fragments = "".join(f"fragment F{n} on Tenant {{ ...F{n + 1} ...F{n + 1} }}\n" for n in range(40))
    query = "{ tenant { ...F0 } }\n" + fragments + "fragment F40 on Tenant { name }"
    started = time.monotonic()
    assert cost(query) == 1
    assert time.monotonic() - started < 1.0


def test_the_actual_cost_counts_what_came_back() -> None:
    """Asked for 50, got 2 listings, one without a price: 2 + (1 + 0) + (1 + 1)."""
    query = "{ listings(first: 50) { edges { node { id price { amount } } } } tenant { name } }"
    data = {
        "listings": {"edges": [{"node": {"id": "1", "price": None}}, {"node": {"id": "2", "price": {"amount": "1"}}}]},
        "tenant": {"name": "Loja"},
    }
    assert actual_cost(schema._schema, parse(query), None, None, data) == 2 + 1 + 2 + 1
    assert actual_cost(schema._schema, parse(query), None, None, None) == 0


# ---- Over HTTP -------------------------------------------------------------------------------------

HEAVY = """
query Heavy($n: Int!) {
  a: listings(first: $n) { edges { node { id price { amount } originalPrice { amount } variations { id price { amount } attributes { name } } } } }
  b: listings(first: $n) { edges { node { id price { amount } originalPrice { amount } variations { id price { amount } attributes { name } } } } }
}
"""  # noqa: E501


async def test_an_operation_over_the_maximum_cost_is_refused_before_it_runs(
    client: httpx.AsyncClient, services, tenant_a, meli_account_a
) -> None:
    """HEAVY, per listing: node 1, price 1, originalPrice 1, variations 1 + their price 1 + attributes 1 = 6.
    Each alias: 2 + n x 6. With n = 100: 2 x (2 + 600) = 1204 > 1000, refused; n = 80: 2 x 482 = 964, runs."""
    token = await api_token_for(services, tenant_a[0])
    refused = await gql(client, HEAVY, {"n": 100}, token=token)
    assert error_codes(refused) == ["MAX_COST_EXCEEDED"]
    assert refused["errors"][0]["extensions"]["requestedQueryCost"] == 1204
    assert refused["errors"][0]["extensions"]["maximumCost"] == 1000
    assert refused.get("data") is None
    assert refused["extensions"]["cost"]["requestedQueryCost"] == 1204
    assert refused["extensions"]["cost"]["actualQueryCost"] == 0
    assert refused["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 1000  # nothing was taken

    ran = await gql(client, HEAVY, {"n": 80}, token=token)
    assert "errors" not in ran, ran
    assert ran["data"]["a"]["edges"] == []
    assert ran["extensions"]["cost"]["requestedQueryCost"] == 964


async def test_the_maximum_is_a_setting(client: httpx.AsyncClient, services, tenant_a, meli_account_a) -> None:
    """A page of n listings costs 2 + n: 21 is over a maximum of 20, 20 is not."""
    services.settings = services.settings.model_copy(update={"graphql_max_cost": 20})
    token = await api_token_for(services, tenant_a[0])
    query = "query ($n: Int!) { listings(first: $n) { nodes { id } } }"
    assert error_codes(await gql(client, query, {"n": 19}, token=token)) == ["MAX_COST_EXCEEDED"]
    assert "errors" not in await gql(client, query, {"n": 18}, token=token)
