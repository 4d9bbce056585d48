"""Introspection nested deeper than tools need is refused; the standard introspection query is not."""

from __future__ import annotations

import httpx
from graphql import build_client_schema, get_introspection_query

from melihub.testing.graphql import error_codes, gql


def nested(field: str, levels: int, leaf: str = "name") -> str:
    return f"{field} {{ " * levels + leaf + " }" * levels


async def test_the_standard_introspection_query_is_answered(client: httpx.AsyncClient) -> None:
    """What GraphiQL and graphql-codegen send (graphql-js's query: ofType 9 deep, one level of fields)."""
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    body = await gql(client, query)
    assert "errors" not in body, body["errors"]
    assert build_client_schema(body["data"]).get_type("Order") is not None


async def test_a_forty_deep_of_type_chain_is_refused(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ __schema { types { fields { type { " + nested("ofType", 40) + " } } } } }")
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "introspection depth" in body["errors"][0]["message"]
    assert body.get("data") is None


async def test_an_of_type_chain_just_deeper_than_the_standard_query_is_refused(client: httpx.AsyncClient) -> None:
    standard = await gql(client, '{ __type(name: "Order") { ' + nested("ofType", 10) + " } }")
    assert "errors" not in standard
    deeper = await gql(client, '{ __type(name: "Order") { ' + nested("ofType", 11) + " } }")
    assert error_codes(deeper) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_nested_fields_lists_are_refused_at_the_third_level(client: httpx.AsyncClient) -> None:
    """fields → type → fields twice is allowed; a third level multiplies the answer once more (graphql-js)."""
    two = '{ __type(name: "Order") { fields { type { fields { name } } } } }'
    assert "errors" not in await gql(client, two)
    three = '{ __type(name: "Order") { fields { type { fields { type { fields { name } } } } } } }'
    assert error_codes(await gql(client, three)) == ["GRAPHQL_VALIDATION_FAILED"]
    forty = "{ __schema { types { " + "fields { type { " * 40 + "name" + " } }" * 40 + " } } }"
    assert error_codes(await gql(client, forty)) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_depth_hidden_in_fragments_counts(client: httpx.AsyncClient) -> None:
    """fields, then interfaces, then fields again, split over two fragments: the third list level."""
    lists = """
    { __schema { types { ...Deep } } }
    fragment Deep on __Type { fields { type { ...Deeper } } }
    fragment Deeper on __Type { interfaces { fields { name } } }
    """
    assert error_codes(await gql(client, lists)) == ["GRAPHQL_VALIDATION_FAILED"]
    # Six ofType in one fragment, spread inside six more: a chain of 12.
    of_types = (
        '{ __type(name: "Order") { ...Six } }\n'
        "fragment Six on __Type { " + nested("ofType", 6, "...SixMore") + " }\n"
        "fragment SixMore on __Type { " + nested("ofType", 6) + " }"
    )
    assert error_codes(await gql(client, of_types)) == ["GRAPHQL_VALIDATION_FAILED"]
