"""Live subscriptions: authenticated at connect, tenant-scoped, fast, and a stalled reader hurts nobody."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
import websockets

from melihub.testing.fixtures import load_fixture
from melihub.testing.ws import graphql_socket
from tests.conftest import api_token_for

EVENTS = "subscription { integrationEventChanged { topic resource status notificationId } }"
NOTIFICATION = load_fixture("notifications/orders_v2.json")


async def test_subscriber_sees_a_new_notification_within_a_second(live_server: str, services, meli_account_a) -> None:
    token = await api_token_for(services, (await _tenant(services, meli_account_a)))
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(EVENTS)
        await asyncio.sleep(0.2)  # the subscription is registered before the notification arrives
        started = time.monotonic()
        async with httpx.AsyncClient() as http:
            assert (await http.post(f"{live_server}/webhooks/meli", json=NOTIFICATION)).status_code == 200
        payload = await socket.next_payload(timeout=1.0)
        assert time.monotonic() - started < 1.0
    assert payload["data"]["integrationEventChanged"] == {
        "topic": "orders_v2",
        "resource": "/orders/2000009876543201",
        "status": "RECEIVED",
        "notificationId": NOTIFICATION["_id"],
    }


async def test_tenant_b_receives_nothing_of_tenant_a(
    live_server: str, services, meli_account_a, meli_account_b
) -> None:
    token_b = await api_token_for(services, await _tenant(services, meli_account_b))
    async with graphql_socket(live_server, authorization=f"Bearer {token_b}") as socket:
        await socket.subscribe(EVENTS)
        await asyncio.sleep(0.2)
        async with httpx.AsyncClient() as http:
            await http.post(f"{live_server}/webhooks/meli", json=NOTIFICATION)
        with pytest.raises(TimeoutError):
            await socket.receive(timeout=1.0)


@pytest.mark.parametrize("authorization", [None, "Bearer mhk_nope", "Bearer not.a.jwt"])
async def test_connection_without_valid_credentials_is_refused(live_server: str, authorization) -> None:
    with pytest.raises((ConnectionError, websockets.exceptions.ConnectionClosedError)) as caught:
        async with graphql_socket(live_server, authorization=authorization):
            pass
    assert "4403" in str(caught.value) or "Forbidden" in str(caught.value)


async def _tenant(services, account):
    from melihub.accounts.models import Tenant

    async with services.db.tenant(account.tenant_id) as session:
        return await session.get(Tenant, account.tenant_id)
