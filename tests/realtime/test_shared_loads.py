"""One load per change and scope: subscribers of equal scope share it, a restricted member never does."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from melihub.accounts.models import Membership, Role, User
from melihub.connections.models import MeliAccount
from melihub.orders import queries as order_queries
from melihub.realtime.bus import Change, publish
from melihub.realtime.shared import SharedLoads
from melihub.runtime import Services
from melihub.security.passwords import hash_password
from melihub.testing.graphql import gid, login
from melihub.testing.ws import graphql_socket
from tests.conftest import api_token_for
from tests.orders.test_order_queries import second_account, seed_order

SUBSCRIPTION = "subscription { orderChanged { id mlId status meliAccountId } }"
REGISTERED_S = 0.3
RESTRICTED_EMAIL, RESTRICTED_PASSWORD = "restrito@aurora.example", "restricted member pass"


def _change(object_id: str = "o-1") -> Change:
    return Change(str(uuid.uuid4()), "order", object_id, None, None)


async def test_equal_scopes_share_one_load_and_other_scopes_or_changes_load_again() -> None:
    loads = SharedLoads()
    calls: list[str] = []

    def fetcher(label: str) -> Any:
        async def fetch() -> str:
            calls.append(label)
            await asyncio.sleep(0.01)
            return label

        return fetch

    change = _change()
    same = await asyncio.gather(*(loads.get(change, "scope-a", fetcher("a")) for _ in range(5)))
    assert same == ["a"] * 5
    assert await loads.get(change, "scope-b", fetcher("b")) == "b"
    # An equal change published again is another publication: loaded again, never served the old result.
    twin = Change(change.tenant_id, change.type, change.id, change.version, change.meli_account_id)
    assert twin == change
    assert await loads.get(twin, "scope-a", fetcher("a-again")) == "a-again"
    assert calls == ["a", "b", "a-again"]


async def test_a_failed_load_is_retried_and_a_leaving_subscriber_does_not_cancel_the_others() -> None:
    loads = SharedLoads()
    change = _change()

    async def failing() -> str:
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        await loads.get(change, "scope", failing)
    await asyncio.sleep(0)  # the done callback has forgotten the failure

    started = asyncio.Event()

    async def slow() -> str:
        started.set()
        await asyncio.sleep(0.05)
        return "loaded"

    leaving = asyncio.create_task(loads.get(change, "scope", slow))
    await started.wait()
    staying = asyncio.create_task(loads.get(change, "scope", slow))
    leaving.cancel()
    assert await staying == "loaded"


def test_old_entries_are_let_go_beyond_the_size() -> None:
    loads = SharedLoads(size=3)

    async def fill() -> None:
        async def fetch() -> int:
            return 1

        for _ in range(10):
            await loads.get(_change(), "scope", fetch)

    asyncio.run(fill())
    assert len(loads) == 3


async def _restricted_member(services: Services, account: MeliAccount) -> None:
    """An analyst of tenant A who may see only ``account``."""
    user = User(email=RESTRICTED_EMAIL, password_hash=hash_password(RESTRICTED_PASSWORD))
    async with services.db.tenant(account.tenant_id) as session:
        session.add(user)
        await session.flush()
        member = Membership(
            tenant_id=account.tenant_id, user_id=user.id, role=Role.ANALYST.value, meli_account_ids=[account.id]
        )
        session.add(member)


async def test_subscribers_of_one_scope_share_the_load_and_a_restricted_member_sees_no_other_account(
    live_server: str, services: Services, tenant_a, meli_account_a, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant, _ = tenant_a
    other = await second_account(services, tenant.id)
    order_other = await seed_order(services, other)
    order_a = await seed_order(services, meli_account_a)
    tokens = [await api_token_for(services, tenant, Role.ANALYST) for _ in range(2)]
    await _restricted_member(services, meli_account_a)
    async with httpx.AsyncClient(base_url=live_server) as http:
        assert (await login(http, RESTRICTED_EMAIL, RESTRICTED_PASSWORD))["errors"] == []
        cookies = dict(http.cookies)

    loads: list[uuid.UUID] = []
    original = order_queries.get_order

    async def counted(session: Any, principal: Any, order_id: uuid.UUID) -> Any:
        loads.append(order_id)
        return await original(session, principal, order_id)

    monkeypatch.setattr(order_queries, "get_order", counted)
    async with (
        graphql_socket(live_server, authorization=f"Bearer {tokens[0]}") as first,
        graphql_socket(live_server, authorization=f"Bearer {tokens[1]}") as second,
        graphql_socket(live_server, cookies=cookies) as restricted,
    ):
        for socket in (first, second, restricted):
            await socket.subscribe(SUBSCRIPTION)
        await asyncio.sleep(REGISTERED_S)
        # No account on the change, so the hub lets it through to everyone: the load's scope must hold.
        await publish(services.redis, Change(str(tenant.id), "order", str(order_other.id), "v1", None))
        got = [await socket.next_payload(timeout=2.0) for socket in (first, second)]
        assert got[0] == got[1]
        assert got[0]["data"]["orderChanged"]["id"] == gid("Order", order_other.id)
        assert loads == [order_other.id, order_other.id]  # one for both tokens' scope, one for the member's
        with pytest.raises(TimeoutError):
            await restricted.receive(timeout=0.5)

        await publish(services.redis, Change(str(tenant.id), "order", str(order_a.id), "v1", str(meli_account_a.id)))
        mine = await restricted.next_payload(timeout=2.0)
        assert mine["data"]["orderChanged"]["id"] == gid("Order", order_a.id)
