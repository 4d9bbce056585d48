"""End to end: a variation's stock changed through melihub reaches the sandbox, whose ``items`` notification
comes back through the webhook and the worker, and the change is in the history once, as melihub's; a
change made on Mercado Livre arrives the same way as Mercado Livre's."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from sqlalchemy import text
from sqlmodel import select

from melihub.app import create_app
from melihub.connections.models import MeliAccount
from melihub.graphql.relay import row_id_of
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql
from melihub.testing.server import serve_in_thread
from melihub.testing.ws import graphql_socket
from melihub_workers.tasks.catalog import run_bulk_operation
from tests.catalog.test_bulk_update_stock import BULK
from tests.catalog.world import SIMPLE, UPDATE_VARIATIONS, VARIATIONS, store_items
from tests.conftest import PUBLIC_URL, link_seller
from tests.events.test_live_orders import _syncs_settled

FIND = """query($mlId: String!) {
  listings(filter: {search: $mlId}) { nodes { id availableQuantity variations { id mlId availableQuantity } } }
}"""
HISTORY = """query($id: ID!) { listing(id: $id) { changes(first: 20) { nodes { field from to source } } } }"""


async def _processed(services: Services, tenant_id: Any, resource: str, count: int, timeout_s: float = 15) -> None:
    """Wait until ``count`` notifications of ``resource`` were processed by the worker."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        async with services.db.tenant(tenant_id) as session:
            done = (
                await session.exec(
                    text(
                        "SELECT count(*) FROM integration_events WHERE topic = 'items' AND resource = :r "
                        "AND status = 'processed'"
                    ).bindparams(r=resource)
                )
            ).one()[0]
        if done >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the items notification of {resource} was not processed")


async def test_a_variation_edit_comes_back_by_notification_and_is_recorded_once(
    meli_services: Services, sandbox: Any, live_settings: Any, worker: Any, tenant_a: Any
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    tenant = tenant_a[0]
    with serve_in_thread(create_app(settings=live)) as base:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=20) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            await _syncs_settled(meli_services, tenant.id)
            [listing] = (await gql(http, FIND, {"mlId": VARIATIONS}))["data"]["listings"]["nodes"]
            variation = next(v for v in listing["variations"] if v["mlId"] == "180000000104")

            edited = await gql(
                http,
                UPDATE_VARIATIONS,
                {"listingId": listing["id"], "variations": [{"id": variation["id"], "availableQuantity": 5}]},
            )
            assert edited["data"]["updateVariations"]["errors"] == [], edited
            await _processed(meli_services, tenant.id, f"/items/{VARIATIONS}", 1)
            after_notification = (await gql(http, HISTORY, {"id": listing["id"]}))["data"]["listing"]["changes"]

            raw = sandbox.get("items", VARIATIONS)
            raw["variations"][0]["available_quantity"] -= 1  # a sale on Mercado Livre
            raw["available_quantity"] -= 1
            await asyncio.to_thread(sandbox.put, "items", VARIATIONS, raw, notify=True)
            await _processed(meli_services, tenant.id, f"/items/{VARIATIONS}", 2)
            after_sale = (await gql(http, HISTORY, {"id": listing["id"]}))["data"]["listing"]["changes"]
            [shown] = (await gql(http, FIND, {"mlId": VARIATIONS}))["data"]["listings"]["nodes"]

    assert sandbox.get("items", VARIATIONS)["variations"][3]["available_quantity"] == 5
    assert sorted((n["field"], n["from"], n["to"], n["source"]) for n in after_notification["nodes"]) == [
        ("availableQuantity", "29", "34", "MELIHUB"),
        ("variation:180000000104.availableQuantity", "0", "5", "MELIHUB"),
    ]
    assert [(n["field"], n["from"], n["to"], n["source"]) for n in after_sale["nodes"][:2]] in (
        [
            ("availableQuantity", "34", "33", "MERCADO_LIVRE"),
            ("variation:180000000101.availableQuantity", "14", "13", "MERCADO_LIVRE"),
        ],
        [
            ("variation:180000000101.availableQuantity", "14", "13", "MERCADO_LIVRE"),
            ("availableQuantity", "34", "33", "MERCADO_LIVRE"),
        ],
    )
    assert len(after_sale["nodes"]) == 4
    assert shown["availableQuantity"] == 33


PROGRESS = "subscription($id: ID!) { bulkOperationProgress(id: $id) { id status done total } }"


async def test_bulk_operation_progress_is_pushed_to_its_subscriber(
    meli_services: Services, sandbox: Any, live_settings: Any, tenant_a: Any
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    tenant = tenant_a[0]
    with serve_in_thread(create_app(settings=live)) as base:
        async with httpx.AsyncClient(base_url=base, timeout=20) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            async with meli_services.db.tenant(tenant.id) as session:
                account = (await session.exec(select(MeliAccount))).one()
            await store_items(meli_services, account, sandbox, (SIMPLE, VARIATIONS))
            lines = [{"sku": "GT-INOX-1L", "availableQuantity": 3}, {"sku": "CAM-BAS-PRT-G", "availableQuantity": 4}]
            started = (await gql(http, BULK, {"lines": lines}))["data"]["bulkUpdateStock"]["bulkOperation"]
            async with graphql_socket(base, cookies=dict(http.cookies)) as socket:
                await socket.subscribe(PROGRESS, {"id": started["id"]})
                await asyncio.sleep(0.3)  # registered with the hub
                row = row_id_of(started["id"], "BulkOperation")
                await run_bulk_operation({"services": meli_services}, str(tenant.id), str(row))  # the worker's job
                pushed = []
                while not pushed or pushed[-1]["status"] != "DONE":
                    pushed.append((await socket.next_payload(timeout=5))["data"]["bulkOperationProgress"])

    assert started["status"] == "QUEUED"
    assert pushed[0]["status"] == "RUNNING" and pushed[-1] == {**started, "status": "DONE", "done": 2}
