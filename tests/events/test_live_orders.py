"""End to end: the sandbox changes an order and notifies; the subscriber sees it within a second."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from sqlalchemy import text

from melihub.app import create_app
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.server import serve_in_thread
from melihub.testing.ws import graphql_socket
from tests.conftest import PUBLIC_URL, api_token_for, link_seller

ORDER = "2000009876543201"


async def _syncs_settled(services: Services, tenant_id, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        async with services.db.tenant(tenant_id) as session:
            open_runs = (
                await session.exec(text("SELECT count(*) FROM sync_runs WHERE status IN ('queued', 'running')"))
            ).one()[0]
        if not open_runs:
            return
        await asyncio.sleep(0.2)
    raise AssertionError("the link's sync run did not finish")


ORDER_CHANGED = "subscription { orderChanged { mlId status } }"


async def test_order_changed_arrives_within_a_second_and_only_for_its_tenant(
    meli_services: Services, sandbox, live_settings, worker, tenant_a, tenant_b
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    token_b = await api_token_for(meli_services, tenant_b[0])
    with serve_in_thread(create_app(settings=live)) as base:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            cookies = dict(http.cookies)
        await _syncs_settled(meli_services, tenant_a[0].id)  # the link's backfill is not what is timed
        async with (
            graphql_socket(base, cookies=cookies) as seller_socket,
            graphql_socket(base, authorization=f"Bearer {token_b}") as other_tenant_socket,
        ):
            await seller_socket.subscribe(ORDER_CHANGED)
            await other_tenant_socket.subscribe(ORDER_CHANGED)
            await asyncio.sleep(0.3)  # both subscriptions are registered with the hub
            raw = sandbox.get("orders", ORDER)
            raw["status"] = "cancelled"
            started = time.monotonic()
            await asyncio.to_thread(sandbox.put, "orders", ORDER, raw, notify=True)
            payload = await seller_socket.next_payload(timeout=1.0)
            elapsed = time.monotonic() - started
            with pytest.raises(TimeoutError):
                await other_tenant_socket.receive(timeout=1.0)
    assert payload["data"]["orderChanged"] == {"mlId": ORDER, "status": "cancelled"}
    assert elapsed < 1.0
