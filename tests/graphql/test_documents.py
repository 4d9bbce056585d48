"""Each distinct document is parsed once; one that does not parse is reported every time, never kept."""

from __future__ import annotations

import httpx

from melihub.graphql import documents
from melihub.testing.graphql import error_codes, gql


async def test_a_document_is_parsed_once_and_reused(client: httpx.AsyncClient) -> None:
    query = "query ParsedOnce { __typename }"
    await gql(client, query)
    kept = [doc for (text, _), doc in documents._documents.items() if text == query]
    await gql(client, query)

    assert len(kept) == 1
    assert [doc for (text, _), doc in documents._documents.items() if text == query] == kept


async def test_a_syntax_error_is_not_kept_and_still_coded(client: httpx.AsyncClient) -> None:
    broken = "{ me { "
    for _ in range(2):
        body = (await client.post("/graphql", json={"query": broken})).json()
        assert error_codes(body) == ["GRAPHQL_PARSE_FAILED"]
    assert all(text != broken for text, _ in documents._documents)
