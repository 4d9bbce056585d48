"""Each role gets exactly what the permissions table of docs/graphql.md says, on every root field.

The table is the specification: every Query, Mutation and Subscription field of the served schema
must have a row, and every role is called on every field with minimal valid arguments generated
from the schema. Allowed: no FORBIDDEN anywhere in the answer (NOT_FOUND, INVALID… are fine).
Refused: a query or subscription field answers an error with ``extensions.code == "FORBIDDEN"``; a
mutation answers FORBIDDEN in its payload's ``errors`` and no GraphQL errors.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpx
import pytest_asyncio
from graphql import GraphQLSchema

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.ws import graphql_socket
from tests.graphql.permission_calls import Call, call_for
from tests.graphql.permission_table import ALLOWED, DENIED, ROLES, Row, read_table, root_fields, served_schema
from tests.graphql.permission_world import Team, callers, seed_team

FORBIDDEN, UNAUTHENTICATED = "FORBIDDEN", "UNAUTHENTICATED"
# Calls that end what later calls of the same caller need (its account link, a token, its session).
LAST = ("unlinkMeliAccount", "revokeApiToken", "refreshSession", "logout")
SUBSCRIBE_SETTLE_S = 0.6  # a refused subscription answers at once; an allowed one stays silent


@pytest_asyncio.fixture
async def team(services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount) -> Team:
    return await seed_team(services, tenant_a[0], tenant_a[1], meli_account_a)


@pytest_asyncio.fixture
async def in_process(app: object, team: Team) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    def new_client() -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://melihub.test")  # type: ignore[arg-type]

    async with callers(team, new_client) as clients:
        yield clients


def codes(value: Any) -> list[str]:
    """Every error code anywhere in an answer: GraphQL errors' ``extensions.code`` and payloads' ``code``."""
    if isinstance(value, dict):
        own = [value["code"]] if isinstance(value.get("code"), str) else []
        return own + [code for item in value.values() for code in codes(item)]
    if isinstance(value, list):
        return [code for item in value for code in codes(item)]
    return []


def refused(call: Call, answer: dict[str, Any], code: str = FORBIDDEN) -> bool:
    if call.kind == "mutation" and call.field != "__typename":
        payload = (answer.get("data") or {}).get(call.field) or {}
        return not answer.get("errors") and code in [error["code"] for error in payload.get("errors", [])]
    return any((error.get("extensions") or {}).get("code") == code for error in answer.get("errors") or [])


def let_through(row: Row, found: list[str]) -> bool:
    """No FORBIDDEN; and, off the open fields, no UNAUTHENTICATED (a caller that lost its credentials
    would otherwise pass every ✓ without being checked)."""
    return FORBIDDEN not in found and (row.open or UNAUTHENTICATED not in found)


def mismatch(role: str, row: Row, answer: Any) -> str:
    said = ALLOWED if role in row.allowed else DENIED
    if isinstance(answer, dict):
        answer = {key: value for key, value in answer.items() if key != "extensions"}  # the cost, not the point
    return f"{role} on {row.kind} {row.field}: the table says {said}, the API answered {str(answer)[:300]}"


def rows_of(kind: str) -> list[Row]:
    return [row for row in read_table() if row.kind == kind]


def table_problems(rows: Iterable[Row], schema: GraphQLSchema) -> list[str]:
    keys = [row.key for row in rows]
    fields = root_fields(schema)
    return (
        [f"{kind} {name}: no row in docs/graphql.md" for kind, name in sorted(fields - set(keys))]
        + [f"{kind} {name}: a row, but no such field" for kind, name in sorted(set(keys) - fields)]
        + [f"{kind} {name}: more than one row" for kind, name in sorted({k for k in keys if keys.count(k) > 1})]
    )


def test_the_table_has_one_row_for_every_root_field_and_no_other() -> None:
    assert table_problems(read_table(), served_schema()) == []


def test_a_field_missing_from_the_table_or_a_row_without_a_field_is_reported() -> None:
    rows = [row for row in read_table() if row.key != ("mutation", "logout")]
    ghost = Row(kind="query", field="ghost", allowed=frozenset(ROLES), open=False)
    assert table_problems([*rows, ghost], served_schema()) == [
        "mutation logout: no row in docs/graphql.md",
        "query ghost: a row, but no such field",
    ]


async def _http_mismatches(clients: dict[str, httpx.AsyncClient], rows: list[Row], team: Team) -> list[str]:
    schema, problems = served_schema(), []
    for role, http in clients.items():
        for row in rows:
            call = call_for(schema, row.kind, row.field, team.ids)
            response = await http.post("/graphql", json={"query": call.document, "variables": call.variables})
            answer = response.json()
            right = let_through(row, codes(answer)) if role in row.allowed else refused(call, answer)
            problems += [] if right else [mismatch(role, row, answer)]
    return problems


async def test_each_role_gets_exactly_the_queries_of_the_table(
    in_process: dict[str, httpx.AsyncClient], team: Team
) -> None:
    assert await _http_mismatches(in_process, rows_of("query"), team) == []


async def test_each_role_gets_exactly_the_mutations_of_the_table(
    in_process: dict[str, httpx.AsyncClient], team: Team
) -> None:
    rows = sorted(rows_of("mutation"), key=lambda row: LAST.index(row.field) if row.field in LAST else -1)
    assert await _http_mismatches(in_process, rows, team) == []


def signed_out_right(row: Row, call: Call, answer: dict[str, Any]) -> bool:
    """Open fields answer signed-out callers (their payloads may say UNAUTHENTICATED, e.g. no refresh
    token); every other field refuses them with UNAUTHENTICATED, where it would say FORBIDDEN."""
    if row.open:
        return FORBIDDEN not in codes(answer) and UNAUTHENTICATED not in codes(answer.get("errors"))
    return refused(call, answer, UNAUTHENTICATED)


async def test_signed_out_callers_reach_the_open_fields_only(client: httpx.AsyncClient, team: Team) -> None:
    schema, problems = served_schema(), []
    for row in (row for row in read_table() if row.kind != "subscription"):  # those refuse the socket itself
        call = call_for(schema, row.kind, row.field, team.ids)
        answer = (await client.post("/graphql", json={"query": call.document, "variables": call.variables})).json()
        problems += [] if signed_out_right(row, call, answer) else [mismatch("signed out", row, answer)]
    assert problems == []


async def _subscription_codes(base_url: str, http: httpx.AsyncClient, calls: list[Call]) -> dict[str, list[str]]:
    """The error codes each subscription answered within the settle time, all on one socket."""
    authorization, cookies = http.headers.get("authorization"), dict(http.cookies)
    async with graphql_socket(base_url, authorization=authorization, cookies=cookies or None) as socket:
        fields = {await socket.subscribe(call.document, call.variables): call.field for call in calls}
        found: dict[str, list[str]] = {field: [] for field in fields.values()}
        with contextlib.suppress(TimeoutError):
            while True:
                message = await socket.receive(timeout=SUBSCRIBE_SETTLE_S)
                if message.get("id") in fields:
                    found[fields[message["id"]]] += codes(message.get("payload"))
    return found


async def test_each_role_gets_exactly_the_subscriptions_of_the_table(live_server: str, team: Team) -> None:
    schema, rows = served_schema(), rows_of("subscription")
    calls = [call_for(schema, row.kind, row.field, team.ids) for row in rows]
    async with callers(team, lambda: httpx.AsyncClient(base_url=live_server)) as clients:
        answered = await asyncio.gather(*(_subscription_codes(live_server, clients[role], calls) for role in ROLES))
    problems = []
    for role, found in zip(ROLES, answered, strict=True):
        for row in rows:
            allowed, got = role in row.allowed, found[row.field]
            right = let_through(row, got) if allowed else FORBIDDEN in got
            problems += [] if right else [mismatch(role, row, got or "nothing")]
    assert problems == []
