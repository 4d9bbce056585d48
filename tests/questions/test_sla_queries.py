"""Questions by SLA through GraphQL: slaDueAt, slaState and responseSeconds on each; the queue filtered by
SLA states and sorted by due time (questions without one last), paged forward and back with cursors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gql, login
from tests.conftest import OWNER_PASSWORD
from tests.questions.sla_world import ask, sql

QUEUE = """
query($filter: QuestionFilter, $sort: QuestionSort, $first: Int, $after: String, $last: Int, $before: String) {
  questions(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
    edges { node { mlId slaState slaDueAt responseSeconds } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}"""
BY_DUE = {"field": "SLA_DUE_AT", "direction": "ASC"}


async def queue(client: httpx.AsyncClient, **variables: object) -> dict:
    body = await gql(client, QUEUE, variables)
    assert not body.get("errors"), body
    return body["data"]["questions"]


def ml_ids(page: dict) -> list[int]:
    return [int(edge["node"]["mlId"]) for edge in page["edges"]]


async def seed(services: Services, account) -> None:
    """Asked 10, 30, 50, 55, 70 and 90 minutes ago (SLA 60), one answered, one without a due time."""
    for ml_id, minutes in ((10, 10), (30, 30), (50, 50), (55, 55), (70, 70), (90, 90), (99, 5)):
        await ask(services, account, ml_id, minutes)
    await ask(services, account, 7, 120, answered_after=timedelta(minutes=12, seconds=3))
    await sql(services, account.tenant_id, "UPDATE questions SET sla_due_at = NULL WHERE ml_id = 99")


async def test_each_question_shows_its_sla(client: httpx.AsyncClient, services: Services, meli_account_a) -> None:
    await seed(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    nodes = {int(e["node"]["mlId"]): e["node"] for e in (await queue(client, first=20))["edges"]}
    assert {ml_id: node["slaState"] for ml_id, node in nodes.items()} == {
        10: "OK",
        30: "OK",
        50: "WARNING",
        55: "WARNING",
        70: "BREACHED",
        90: "BREACHED",
        99: "OK",
        7: "ANSWERED",
    }
    assert nodes[7]["responseSeconds"] == 12 * 60 + 3
    assert [nodes[n]["responseSeconds"] for n in (10, 99)] == [None, None]
    assert nodes[99]["slaDueAt"] is None
    due = datetime.fromisoformat(nodes[50]["slaDueAt"])
    assert timedelta(minutes=9) < due - datetime.now(UTC) <= timedelta(minutes=10)


async def test_the_queue_filters_by_state_and_pages_by_due_time(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    await seed(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    late = {"slaStates": ["WARNING", "BREACHED"]}
    first = await queue(client, filter=late, sort=BY_DUE, first=3)
    assert (ml_ids(first), first["totalCount"], first["pageInfo"]["hasNextPage"]) == ([90, 70, 55], 4, True)
    second = await queue(client, filter=late, sort=BY_DUE, first=3, after=first["pageInfo"]["endCursor"])
    assert (ml_ids(second), second["pageInfo"]["hasNextPage"]) == ([50], False)
    back = await queue(client, filter=late, sort=BY_DUE, last=2, before=second["pageInfo"]["startCursor"])
    assert (ml_ids(back), back["pageInfo"]["hasPreviousPage"]) == ([70, 55], True)

    ok = await queue(client, filter={"slaStates": ["OK"]}, sort=BY_DUE, first=10)
    assert ml_ids(ok) == [30, 10, 99]  # the nearest due first, no due time last
    answered = await queue(client, filter={"slaStates": ["ANSWERED"]}, first=10)
    assert ml_ids(answered) == [7]


async def test_paging_through_the_whole_queue_by_due_time_meets_every_question_once(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    await seed(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for direction, expected in (("ASC", [7, 90, 70, 55, 50, 30, 10, 99]), ("DESC", [10, 30, 50, 55, 70, 90, 7, 99])):
        seen: list[int] = []
        after = None
        while True:
            page = await queue(client, sort={"field": "SLA_DUE_AT", "direction": direction}, first=3, after=after)
            seen += ml_ids(page)
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert seen == expected, direction
        backward: list[int] = []
        before = None
        while True:
            page = await queue(client, sort={"field": "SLA_DUE_AT", "direction": direction}, last=3, before=before)
            backward = ml_ids(page) + backward
            if not page["pageInfo"]["hasPreviousPage"]:
                break
            before = page["pageInfo"]["startCursor"]
        assert backward == expected, direction


async def test_a_cursor_of_another_sort_is_refused(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    await seed(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    page = await queue(client, sort={"field": "DATE_CREATED", "direction": "ASC"}, first=2)
    body = await gql(client, QUEUE, {"sort": BY_DUE, "first": 2, "after": page["pageInfo"]["endCursor"]})
    assert error_codes(body) == ["BAD_USER_INPUT"], body
