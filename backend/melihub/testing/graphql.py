"""A tiny GraphQL client for tests: posts a query and returns the decoded body."""

from __future__ import annotations

from typing import Any

import httpx


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    expect_status: int = 200,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    headers = {**(headers or {}), **({"authorization": f"Bearer {token}"} if token else {})}
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == expect_status, response.text
    body: dict[str, Any] = response.json()
    return body


def error_codes(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors") or []]


LOGIN = """
mutation Login($email: String!, $password: String!, $tenant: String) {
  login(email: $email, password: $password, tenant: $tenant) {
    me { role authMethod tenant { slug } user { email } }
    errors { field message code }
  }
}
"""


# What the dashboard sends on every request; a cookie-authenticated mutation without it is refused (CSRF).
DASHBOARD_HEADERS = {"x-melihub-csrf": "1"}


async def login(client: httpx.AsyncClient, email: str, password: str, tenant: str | None = None) -> dict[str, Any]:
    """Sign in by cookie, as the dashboard does: the client sends the dashboard's CSRF header from now on."""
    client.headers.update(DASHBOARD_HEADERS)
    body = await gql(client, LOGIN, {"email": email, "password": password, "tenant": tenant})
    payload: dict[str, Any] = body["data"]["login"]
    return payload


def gid(type_name: str, row_id: object) -> str:
    """The global id the API shows for a row (tests build expected values with it)."""
    from melihub.graphql.relay import global_id

    return str(global_id(type_name, str(row_id)))


def payload_codes(body: dict[str, Any], mutation: str) -> list[str]:
    """The codes of a mutation payload's ``errors`` (expected failures are data, not GraphQL errors)."""
    assert not body.get("errors"), body
    return [error["code"] for error in body["data"][mutation]["errors"]]
