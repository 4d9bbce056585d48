"""Acceptance: a subscriber of ``syncProgress`` watches a backfill go from nothing done to all of it."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from sqlalchemy import text

from melihub.db.base import utcnow
from melihub.graphql.relay import global_id
from melihub.sync import engine, service
from melihub.testing.fixtures import SELLER_A
from melihub.testing.ws import graphql_socket
from tests.conftest import api_token_for, link_seller

PROGRESS = "subscription($a: ID) { syncProgress(meliAccountId: $a) { status done total } }"


async def test_sync_progress_goes_from_zero_to_total_and_succeeds(
    live_server, meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    async with meli_services.db.tenant(tenant.id) as session:
        [(account_id,)] = (await session.exec(text("SELECT id FROM meli_accounts"))).all()
        await session.exec(text("DELETE FROM sync_runs"))  # the link's own run: this test starts one for a year
    token = await api_token_for(meli_services, tenant)
    seen: list[dict] = []
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(PROGRESS, {"a": global_id("MeliAccount", account_id)})
        await asyncio.sleep(0.3)
        run, _ = await service.queue_run(meli_services, tenant.id, account_id, since=utcnow() - timedelta(days=360))
        worked = asyncio.create_task(engine.execute(meli_services, tenant.id, run.id))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not seen or seen[-1]["status"] != "SUCCEEDED"):
            seen.append((await socket.next_payload(timeout=10))["data"]["syncProgress"])
        await worked
    assert seen[0] == {"status": "QUEUED", "done": 0, "total": 0}, seen[0]
    assert "RUNNING" in {s["status"] for s in seen}
    last = seen[-1]
    assert last["status"] == "SUCCEEDED" and last["done"] == last["total"] > 0, last
    assert [s["done"] for s in seen] == sorted(s["done"] for s in seen)  # it only moves forward
