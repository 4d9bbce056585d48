"""No id reaches another tenant's objects (or a limited member's unseen account), wherever it goes in.

The places an id goes in are not listed here: they are found by introspecting the live schema
(``schema_walk``). Every query argument and filter field, every mutation argument and every
subscription argument taking an ``ID`` is called with each of tenant A's global ids, by tenant B
(owner session and admin API token) and by a member of A limited to A's other account. Each call
must be refused (``NOT_FOUND``/``FORBIDDEN``) without data; mutations must leave A's rows as they were.
The positive controls ask the same places for the caller's own ids and must get data.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio
from graphql import GraphQLSchema

from melihub.config import Settings
from melihub.graphql.relay import MAX_NODES
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, login
from melihub.testing.ws import GraphQLSocket, graphql_socket
from tests.graphql.cross_tenant_world import (
    TENANT_WIDE,
    Caller,
    World,
    isolated,
    seed_tenant_a,
    seed_tenant_b,
    snapshot,
)
from tests.graphql.schema_walk import (
    Call,
    Slot,
    build_call,
    expected_types,
    id_slots,
    is_empty,
    live_schema,
    node_types,
    types_named_by,
)

REFUSED = frozenset({"NOT_FOUND", "FORBIDDEN"})
# Top-level id arguments and these filter fields refuse an unseen id (docs/graphql.md). Other filter
# fields (auditLog's targetId may name a deleted object) may instead match nothing.
MUST_REFUSE = frozenset({"meliAccountIds"})
# An accepted subscription waits for changes; one refused answers at once.
SUBSCRIPTION_ANSWER_S = 3.0
ACCEPTED_QUIET_S = 0.5


@pytest.fixture
def live_settings(live_settings: Settings) -> Settings:
    return isolated(live_settings)


@pytest.fixture
def services(services: Services) -> Services:
    # Before the app starts (its Mercado Livre client is configured then): the in-process server's settings.
    services.settings = isolated(services.settings)
    return services


@dataclass
class Walk:
    world: World
    schema: GraphQLSchema
    owner_a: Caller
    member: Caller  # A's admin, limited to A's "seen" account
    owner_b: Caller
    token_b: Caller  # an admin API token of B

    @property
    def node_names(self) -> set[str]:
        return node_types(self.schema)

    def build(self, caller: Caller, slot: Slot, value: str) -> Call:
        return build_call(slot, value, lambda name: caller.own_id(types_named_by(name, self.node_names)))


@pytest_asyncio.fixture
async def walk(
    app: Any, services: Services, tenant_a: Any, tenant_b: Any, meli_account_a: Any, meli_account_b: Any
) -> AsyncIterator[Walk]:
    async with AsyncExitStack() as stack:
        https = [
            await stack.enter_async_context(
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://melihub.test")
            )
            for _ in range(4)
        ]
        world = await seed_tenant_a(services, https[0], *tenant_a, meli_account_a)
        b_ids, b_secret = await seed_tenant_b(services, https[2], *tenant_b, meli_account_b)
        assert (await login(https[1], world.member_email, world.member_password))["errors"] == []
        yield Walk(
            world=world,
            schema=await live_schema(https[0]),
            owner_a=Caller("A's owner", https[0], own=world.a_ids),
            member=Caller("A's limited admin", https[1], own=world.seen_ids),
            owner_b=Caller("B's owner", https[2], own=b_ids),
            token_b=Caller("B's admin API token", https[3], token=b_secret, own=b_ids),
        )


# ---- Judging answers ---------------------------------------------------------------------------


def refused_query(call: Call, body: dict[str, Any]) -> str | None:
    """Why this answer is not a refusal without data (None: it is one)."""
    value = (body.get("data") or {}).get(call.slot.field)
    codes = error_codes(body)
    if call.slot.in_input_object and call.slot.path[-1] not in MUST_REFUSE and not codes and matches_nothing(value):
        return None
    if not is_empty(value):
        return f"{call.slot.label} answered {value!r}"
    if not codes or not set(codes) <= REFUSED:
        return f"{call.slot.label} failed with {codes or 'no error'}: {body.get('errors')}"
    return None


def matches_nothing(value: Any) -> bool:
    """A filter's answer that holds no object: a connection with no nodes."""
    return isinstance(value, dict) and value.get("nodes") == []


def refused_mutation(call: Call, body: dict[str, Any]) -> str | None:
    if body.get("errors"):
        return f"{call.slot.label} raised {body['errors']} instead of answering in its payload"
    payload: dict[str, Any] = body["data"][call.slot.field]
    codes = [error["code"] for error in payload["errors"]]
    if not codes or not set(codes) <= REFUSED:
        return f"{call.slot.label} answered errors {payload['errors']}"
    leaked = {k: v for k, v in payload.items() if k not in ("errors", "__typename") and not is_empty(v)}
    return f"{call.slot.label} answered {leaked}" if leaked else None


def answered(call: Call, value: str, body: dict[str, Any]) -> str | None:
    """Why this answer to the caller's own id is not its data (None: it is)."""
    got = (body.get("data") or {}).get(call.slot.field)
    if body.get("errors") or got is None:
        return f"{call.slot.label} refused an own id: {body.get('errors')}"
    # A connection filtered to an own account must hold something; another object (``floor``) answered.
    if call.slot.path[-1] in MUST_REFUSE and isinstance(got, dict) and "nodes" in got and not got["nodes"]:
        return f"{call.slot.label} found nothing for {value}, which has objects"
    items = got if isinstance(got, list) else [got]
    if call.slot.path[-1] in ("id", "ids") and [item and item.get("id") for item in items] != [value]:
        return f"{call.slot.label} answered {got!r} for {value}"
    return None


Judge = Callable[[Call, str, dict[str, Any]], str | None]


async def walk_calls(walk: Walk, caller: Caller, root: str, ids: dict[str, str], judge: Judge) -> list[str]:
    """Call every ID slot of ``root`` with each of ``ids``; the failures, one line each."""
    slots = id_slots(walk.schema, root)
    assert slots, f"the walk found no {root} taking an ID: introspection or the walk is broken"
    failures: list[str] = []
    for slot in slots:
        for value in ids.values():
            call = walk.build(caller, slot, value)
            failure = judge(call, value, await caller.call(call.document, call.variables))
            if failure:
                failures.append(f"{caller.name}: {failure}")
    return failures


def refusal(root: str) -> Judge:
    judge = refused_mutation if root == "mutation" else refused_query
    return lambda call, _value, body: judge(call, body)


def own_ids(walk: Walk, slot: Slot, ids: dict[str, str]) -> dict[str, str]:
    return {t: v for t, v in ids.items() if t in expected_types(slot, walk.node_names)}


def describe(walk: Walk) -> str:
    counts = {root: id_slots(walk.schema, root) for root in ("query", "mutation", "subscription")}
    fields = {root: len({slot.field for slot in slots}) for root, slots in counts.items()}
    nested = sum(slot.in_input_object for slot in counts["query"])
    return (
        f"query: {fields['query']} fields, {len(counts['query']) - nested} ID arguments + {nested} filter fields; "
        f"mutation: {fields['mutation']} fields, {len(counts['mutation'])} ID arguments; "
        f"subscription: {fields['subscription']} fields, {len(counts['subscription'])} ID arguments; "
        f"{len(walk.world.a_ids)} ids of tenant A ({len(walk.node_names)} Node types)"
    )


# ---- Positive controls: the walk can fail --------------------------------------------------------


async def test_every_node_type_has_an_object_in_tenant_a(walk: Walk) -> None:
    assert set(walk.world.a_ids) == walk.node_names, "seed an object of each new Node type in cross_tenant_world"
    assert set(walk.world.other_ids) == walk.node_names - TENANT_WIDE
    print(describe(walk))


async def test_own_ids_get_data_wherever_they_go_in(walk: Walk) -> None:
    failures: list[str] = []
    for caller, ids in ((walk.owner_a, walk.world.a_ids), (walk.member, walk.world.seen_ids)):
        for slot in id_slots(walk.schema, "query"):
            for value in own_ids(walk, slot, ids).values():
                call = walk.build(caller, slot, value)
                failure = answered(call, value, await caller.call(call.document, call.variables))
                if failure:
                    failures.append(f"{caller.name}: {failure}")
    assert not failures, "\n".join(failures)


# ---- (a, b) queries and filters; (c) mutations: another tenant ----------------------------------


@pytest.mark.parametrize("credential", ["session", "api_token"])
async def test_another_tenant_gets_not_found_for_every_id_of_a_query(walk: Walk, credential: str) -> None:
    caller = walk.owner_b if credential == "session" else walk.token_b
    failures = await walk_calls(walk, caller, "query", walk.world.a_ids, refusal("query"))
    assert not failures, "\n".join(failures)


async def test_another_tenant_mutations_are_refused_and_change_nothing(walk: Walk, services: Services) -> None:
    world = walk.world
    before = await snapshot(services, world.tenant_a.id, world.member_ids)
    failures = await walk_calls(walk, walk.owner_b, "mutation", world.a_ids, refusal("mutation"))
    failures += await walk_calls(walk, walk.token_b, "mutation", world.a_ids, refusal("mutation"))
    assert not failures, "\n".join(failures)
    assert await snapshot(services, world.tenant_a.id, world.member_ids) == before


# ---- (e) a member limited to one account, asking for the other ----------------------------------


async def test_limited_member_gets_not_found_for_its_other_account(walk: Walk, services: Services) -> None:
    world = walk.world
    failures = await walk_calls(walk, walk.member, "query", world.other_ids, refusal("query"))
    before = await snapshot(services, world.tenant_a.id, world.member_ids)
    failures += await walk_calls(walk, walk.member, "mutation", world.other_ids, refusal("mutation"))
    assert not failures, "\n".join(failures)
    assert await snapshot(services, world.tenant_a.id, world.member_ids) == before


SET_ACCOUNTS = """mutation($u: ID!, $a: [ID!]) {
  setMemberAccounts(userId: $u, meliAccountIds: $a) { user { meliAccountIds } errors { field code } }
}"""
SET_ACCOUNTS_OMITTED = "mutation($u: ID!) { setMemberAccounts(userId: $u) { errors { field code } } }"


async def test_limited_admin_cannot_widen_its_own_accounts(walk: Walk, services: Services) -> None:
    world, member = walk.world, walk.member
    me = world.seen_ids["User"]
    before = await snapshot(services, world.tenant_a.id, world.member_ids)

    other = await member.call(SET_ACCOUNTS, {"u": me, "a": [world.other_ids["MeliAccount"]]})
    lifted = await member.call(SET_ACCOUNTS, {"u": me, "a": None})
    omitted = await member.call(SET_ACCOUNTS_OMITTED, {"u": me})

    assert other["data"]["setMemberAccounts"] == {
        "user": None,
        "errors": [{"field": "meliAccountIds", "code": "NOT_FOUND"}],
    }
    assert lifted["data"]["setMemberAccounts"] == {"user": None, "errors": [{"field": None, "code": "FORBIDDEN"}]}
    assert omitted["data"]["setMemberAccounts"] == {"errors": [{"field": "meliAccountIds", "code": "INVALID"}]}
    assert await snapshot(services, world.tenant_a.id, world.member_ids) == before


# ---- (d, e) subscriptions, over graphql-transport-ws ---------------------------------------------


async def _outcome(socket: GraphQLSocket, operation: str) -> tuple[list[str], list[Any]]:
    """The error codes and data a subscription answered with before it ended (TimeoutError: it did not)."""
    codes: list[str] = []
    data: list[Any] = []
    while True:
        message = await socket.receive(timeout=SUBSCRIPTION_ANSWER_S)
        assert message.get("id") == operation, message
        if message["type"] == "error":
            return codes + [e.get("extensions", {}).get("code") for e in message["payload"]], data
        if message["type"] == "complete":
            return codes, data
        payload = message["payload"]
        codes += error_codes(payload)
        data += [v for v in (payload.get("data") or {}).values() if v is not None]


async def subscription_refusals(live_server: str, walk: Walk, caller: Caller, ids: dict[str, str]) -> list[str]:
    slots = id_slots(walk.schema, "subscription")
    assert slots, "the walk found no subscription taking an ID"
    failures: list[str] = []
    async with graphql_socket(live_server, **caller.socket_credentials()) as socket:
        for slot in slots:
            for value in ids.values():
                call = walk.build(caller, slot, value)
                operation = await socket.subscribe(call.document, call.variables)
                try:
                    codes, data = await _outcome(socket, operation)
                except TimeoutError:
                    await socket.socket.send(f'{{"id": "{operation}", "type": "complete"}}')
                    failures.append(f"{caller.name}: {slot.label} accepted {value}")
                    continue
                if data or not codes or set(codes) != {"NOT_FOUND"}:
                    failures.append(f"{caller.name}: {slot.label} answered {codes} {data}")
    return failures


async def test_another_tenant_cannot_subscribe_to_tenant_a(live_server: str, walk: Walk) -> None:
    failures = await subscription_refusals(live_server, walk, walk.owner_b, walk.world.a_ids)
    failures += await subscription_refusals(live_server, walk, walk.token_b, walk.world.a_ids)
    assert not failures, "\n".join(failures)


async def test_limited_member_cannot_subscribe_to_its_other_account(live_server: str, walk: Walk) -> None:
    failures = await subscription_refusals(live_server, walk, walk.member, walk.world.other_ids)
    assert not failures, "\n".join(failures)


async def test_own_accounts_can_be_subscribed_to(live_server: str, walk: Walk) -> None:
    for caller, ids in ((walk.owner_a, walk.world.a_ids), (walk.member, walk.world.seen_ids)):
        async with graphql_socket(live_server, **caller.socket_credentials()) as socket:
            subscribed = 0
            for slot in id_slots(walk.schema, "subscription"):
                for value in own_ids(walk, slot, ids).values():
                    call = walk.build(caller, slot, value)
                    await socket.subscribe(call.document, call.variables)
                    subscribed += 1
            assert subscribed, f"{caller.name} had nothing of its own to subscribe to"
            with pytest.raises(TimeoutError):  # accepted: nothing to say until something changes
                message = await socket.receive(timeout=ACCEPTED_QUIET_S)
                pytest.fail(f"{caller.name}: a subscription to its own account answered {message}")


# ---- nodes(ids): the limit, and own and foreign ids mixed ----------------------------------------

NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"


async def test_nodes_refuses_more_than_the_limit(walk: Walk) -> None:
    ids = [walk.owner_b.own["Order"]] * (MAX_NODES + 1)
    body = await walk.owner_b.call(NODES, {"ids": ids})
    assert body["data"] is None
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert f"at most {MAX_NODES}" in body["errors"][0]["message"]


async def test_nodes_answers_own_ids_and_a_not_found_error_at_each_foreign_one(walk: Walk) -> None:
    own, foreign = walk.owner_b.own, walk.world.a_ids
    ids = [own["Order"], foreign["Order"], own["MeliAccount"], foreign["MeliAccount"], foreign["Tenant"]]
    body = await walk.owner_b.call(NODES, {"ids": ids})
    assert body["data"]["nodes"] == [
        {"__typename": "Order", "id": own["Order"]},
        None,
        {"__typename": "MeliAccount", "id": own["MeliAccount"]},
        None,
        None,
    ]
    assert sorted((error["path"], error["extensions"]["code"]) for error in body["errors"]) == [
        (["nodes", 1], "NOT_FOUND"),
        (["nodes", 3], "NOT_FOUND"),
        (["nodes", 4], "NOT_FOUND"),
    ]
