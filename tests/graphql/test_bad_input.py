"""Malformed requests get a clear 4xx or a coded GraphQL error, never a 500 or a stack trace."""

from __future__ import annotations

import httpx
import pytest

from melihub.testing.graphql import error_codes, gql


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"query": 42}', "application/json"),
        ('{"variables": {}}', "application/json"),
        ("query=x", "text/plain"),
    ],
)
async def test_malformed_requests_are_400(client: httpx.AsyncClient, body: str, content_type: str) -> None:
    response = await client.post("/graphql", content=body, headers={"content-type": content_type})
    assert 400 <= response.status_code < 500, response.text
    assert "Traceback" not in response.text


async def test_syntax_error_is_a_coded_parse_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ me { "})
    assert response.status_code in {200, 400}
    assert error_codes(response.json()) == ["GRAPHQL_PARSE_FAILED"]
    assert "Syntax Error" in response.json()["errors"][0]["message"]


async def test_unknown_field_is_a_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ nope }"})
    assert response.status_code == 200 or response.status_code == 400
    assert error_codes(response.json()) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_typename_needs_no_credentials(client: httpx.AsyncClient) -> None:
    assert (await gql(client, "{ __typename }"))["data"] == {"__typename": "Query"}


async def test_protected_fields_need_credentials(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ users { nodes { email } } }")
    assert error_codes(body) == ["UNAUTHENTICATED"]


async def test_bad_authorization_scheme(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ me { role } }"}, headers={"authorization": "Basic x"})
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]


async def test_deep_queries_are_refused(client: httpx.AsyncClient) -> None:
    deep = "{ me { " + "tenant { " * 20 + "id" + " }" * 20 + " } }"
    body = (await client.post("/graphql", json={"query": deep})).json()
    assert body.get("errors")


async def test_unexpected_errors_are_masked(client: httpx.AsyncClient, services, tenant_a) -> None:
    from melihub.testing.graphql import login
    from tests.conftest import OWNER_PASSWORD

    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    await services.db.dispose()
    services.db.engine.url  # noqa: B018 - the pool is gone; the next query must fail inside
    original = services.db._sessions

    class Broken:
        def __call__(self):
            raise RuntimeError("secret internals: password=hunter2")

    services.db._sessions = Broken()
    try:
        body = await gql(client, "{ users { nodes { email } } }")
    finally:
        services.db._sessions = original
    assert error_codes(body) == ["INTERNAL_SERVER_ERROR"]
    assert "hunter2" not in str(body) and "secret internals" not in str(body)


async def test_a_long_chain_of_fragments_is_a_validation_error(client: httpx.AsyncClient) -> None:
    """300 fragments each spreading the next: within the token limit, too deep for the depth limiter to
    measure by recursion (it used to be an INTERNAL_SERVER_ERROR with a traceback in the log)."""
    chain = "".join(f"fragment F{n} on Query {{ ...F{n + 1} }}\n" for n in range(300))
    body = await gql(client, "{ ...F0 }\n" + chain + "fragment F300 on Query { __typename }")
    assert set(error_codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "nested too deeply" in body["errors"][0]["message"]
