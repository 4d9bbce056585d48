"""A NUL character (U+0000) in any string of an operation is BAD_USER_INPUT, never a database crash."""

from __future__ import annotations

import json

import httpx
from sqlmodel import select

from melihub.accounts.models import ApiToken, Role
from melihub.graphql.text import holds_nul
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gql
from tests.conftest import api_token_for

CREATE_LITERAL = 'mutation { createApiToken(name: "ci\\u0000bot", role: OPERATOR) { secret errors { code } } }'
CREATE = "mutation($name: String!) { createApiToken(name: $name, role: OPERATOR) { secret errors { code } } }"
SEARCH = "query($f: ListingFilter) { listings(filter: $f) { totalCount } }"


async def test_nul_in_a_literal_or_a_variable_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    tenant, _ = tenant_a
    token = await api_token_for(services, tenant, Role.ADMIN)

    literal = await gql(client, CREATE_LITERAL, token=token)
    variable = await gql(client, CREATE, {"name": "ci\x00bot"}, token=token)
    nested = await gql(client, SEARCH, {"f": {"search": "caf\x00"}}, token=token)

    for body in (literal, variable, nested):
        assert body["data"] is None, body
        assert error_codes(body) == ["BAD_USER_INPUT"]
        assert "U+0000" in body["errors"][0]["message"]
    async with services.db.tenant(tenant.id) as session:
        names = (await session.exec(select(ApiToken.name))).all()
    assert names == ["test-admin"]  # only the token this test signs in with


async def test_text_without_nul_still_works(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    token = await api_token_for(services, tenant_a[0], Role.ADMIN)
    body = await gql(client, CREATE, {"name": "ci bot \\u0000 (escaped, not a NUL)"}, token=token)
    assert body["data"]["createApiToken"]["errors"] == []
    assert body["data"]["createApiToken"]["secret"]


def test_deeply_nested_variables_are_searched_without_recursion() -> None:
    deep: object = "\x00"
    for _ in range(100_000):
        deep = [deep]
    assert holds_nul(deep)
    assert holds_nul({"a": {"k\x00": 1}})
    assert not holds_nul(json.loads('{"a": ["b", 1, null, {"c": "d"}]}'))
