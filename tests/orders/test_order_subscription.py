"""orderChanged: a published order change reaches the tenant's subscribers, loaded, within a second."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from melihub.connections.models import MeliAccount
from melihub.orders.models import Payment
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services
from melihub.testing.graphql import gid
from melihub.testing.ws import graphql_socket
from tests.orders.test_order_queries import second_account, seed_order, token_of

ORDER_CHANGED = """
subscription Orders($accounts: [ID!]) {
  orderChanged(meliAccountIds: $accounts) {
    id mlId status meliAccountId
    totalAmount { amount currency }
    items { lineNo quantity }
    payments { status }
    shipment { status orderIds }
  }
}
"""
REGISTERED_S = 0.2  # the subscription is registered before the change is published


async def publish_change(services: Services, account: MeliAccount, entity_id: uuid.UUID | str, kind: str = "order"):
    change = Change(str(account.tenant_id), kind, str(entity_id), "v1", str(account.id))
    await publish(services.redis, change)


async def test_subscriber_receives_the_changed_order_within_a_second(
    live_server: str, services, meli_account_a
) -> None:
    order = await seed_order(services, meli_account_a, with_details=True)
    token = await token_of(services, meli_account_a.tenant_id)
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(ORDER_CHANGED)
        await asyncio.sleep(REGISTERED_S)
        started = time.monotonic()
        await publish_change(services, meli_account_a, order.id)
        payload = await socket.next_payload(timeout=1.0)
        assert time.monotonic() - started < 1.0

    assert "errors" not in payload, payload
    assert payload["data"]["orderChanged"] == {
        "id": gid("Order", order.id),
        "mlId": str(order.ml_id),
        "status": "paid",
        "meliAccountId": gid("MeliAccount", meli_account_a.id),
        "totalAmount": {"amount": "199.90", "currency": "BRL"},
        "items": [{"lineNo": 1, "quantity": 1}, {"lineNo": 2, "quantity": 2}],
        "payments": [{"status": "approved"}],
        "shipment": {"status": "ready_to_ship", "orderIds": [gid("Order", order.id)]},
    }


async def test_each_change_is_loaded_fresh_and_unknown_or_other_kinds_are_skipped(
    live_server: str, services, meli_account_a
) -> None:
    order = await seed_order(services, meli_account_a)
    token = await token_of(services, meli_account_a.tenant_id)
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(ORDER_CHANGED)
        await asyncio.sleep(REGISTERED_S)
        await publish_change(services, meli_account_a, uuid.uuid4())  # not stored (or not yet): skipped
        await publish_change(services, meli_account_a, "not-a-uuid")  # malformed: skipped
        await publish_change(services, meli_account_a, order.id, kind="listing")  # not an order change
        await publish_change(services, meli_account_a, order.id)
        first = await socket.next_payload(timeout=1.0)

        async with services.db.tenant(meli_account_a.tenant_id) as session:
            stored = await session.get(type(order), order.id)
            assert stored is not None
            stored.status = "cancelled"
            session.add(stored)
            refund = Payment(
                tenant_id=order.tenant_id, order_id=order.id, ml_id=1, status="refunded", currency_id="BRL"
            )
            session.add(refund)
        await publish_change(services, meli_account_a, order.id)
        second = await socket.next_payload(timeout=1.0)

    assert first["data"]["orderChanged"]["id"] == gid("Order", order.id)
    assert first["data"]["orderChanged"]["status"] == "paid"
    assert first["data"]["orderChanged"]["payments"] == []
    assert second["data"]["orderChanged"]["status"] == "cancelled"
    # nested objects come from the event's own loaders, not a cache kept for the whole connection
    assert second["data"]["orderChanged"]["payments"] == [{"status": "refunded"}]


async def test_tenant_b_subscriber_receives_nothing_of_tenant_a(
    live_server: str, services, meli_account_a, meli_account_b
) -> None:
    order = await seed_order(services, meli_account_a)
    token_b = await token_of(services, meli_account_b.tenant_id)
    async with graphql_socket(live_server, authorization=f"Bearer {token_b}") as socket:
        await socket.subscribe(ORDER_CHANGED)
        await asyncio.sleep(REGISTERED_S)
        await publish_change(services, meli_account_a, order.id)
        # Even a change wrongly published on tenant B's channel does not load tenant A's order.
        await publish(services.redis, Change(str(meli_account_b.tenant_id), "order", str(order.id), "v1", None))
        with pytest.raises(TimeoutError):
            await socket.receive(timeout=1.0)


async def test_subscriber_filtering_by_account_misses_other_accounts(
    live_server: str, services, meli_account_a
) -> None:
    other = await second_account(services, meli_account_a.tenant_id)
    order_a = await seed_order(services, meli_account_a)
    order_other = await seed_order(services, other)
    token = await token_of(services, meli_account_a.tenant_id)
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(ORDER_CHANGED, {"accounts": [gid("MeliAccount", other.id)]})
        await asyncio.sleep(REGISTERED_S)
        await publish_change(services, meli_account_a, order_a.id)
        await publish_change(services, other, order_other.id)
        payload = await socket.next_payload(timeout=1.0)
    assert payload["data"]["orderChanged"]["id"] == gid("Order", order_other.id)
