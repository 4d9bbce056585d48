"""Live: an order paid in the sandbox moves ``kpis`` GMV by the time ``orderChanged`` arrives.

The rollup commits in the applier's transaction, so the re-query the floor and /relatorios make on
``orderChanged`` already sees the new figures.
"""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from typing import Any

import httpx

from melihub.app import create_app
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.server import serve_in_thread
from melihub.testing.ws import graphql_socket
from tests.conftest import PUBLIC_URL, link_seller
from tests.events.test_live_orders import _syncs_settled

ORDER = "2000009876543207"  # payment_in_process in the fixture world: 69.80 BRL, 13 March 2025
GMV = """query { kpis(range: {from: "2025-03-01", to: "2025-03-31"}) {
  metrics(keys: [GMV, ORDERS]) { key currency total } } }"""


async def _figures(http: httpx.AsyncClient) -> dict[tuple[str, str | None], Decimal]:
    body = (await http.post("/graphql", json={"query": GMV})).json()
    assert not body.get("errors"), body
    metrics: list[dict[str, Any]] = body["data"]["kpis"]["metrics"]
    return {(m["key"], m["currency"]): Decimal(m["total"]) for m in metrics}


async def test_an_order_paid_in_the_sandbox_moves_gmv_by_orderchanged(
    meli_services: Services, sandbox: Any, live_settings: Any, worker: Any, tenant_a: Any
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    with serve_in_thread(create_app(settings=live)) as base:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            await _syncs_settled(meli_services, tenant_a[0].id)
            before = await _figures(http)
            async with graphql_socket(base, cookies=dict(http.cookies)) as socket:
                await socket.subscribe("subscription { orderChanged { mlId status } }")
                await asyncio.sleep(0.3)
                raw = sandbox.get("orders", ORDER)
                raw["status"], raw["tags"] = "paid", ["paid"]
                started = time.monotonic()
                await asyncio.to_thread(sandbox.put, "orders", ORDER, raw, notify=True)
                payload = await socket.next_payload(timeout=2.0)
                after = await _figures(http)
                elapsed = time.monotonic() - started
    assert payload["data"]["orderChanged"] == {"mlId": ORDER, "status": "paid"}
    # Orders over 12 months old are not synced (reference §6.2): before the notification there may be none.
    assert after[("GMV", "BRL")] - before.get(("GMV", "BRL"), Decimal(0)) == Decimal(str(raw["total_amount"]))
    assert after[("ORDERS", None)] == before[("ORDERS", None)] + 1
    assert elapsed < 2.0
