"""Acceptance: ``bulkUpdateStock`` with 500 lines at a write budget of 10 requests a second.

The sandbox enforces 10 item writes a second per application (``item_write_rate_per_s``) and must never
answer 429; every line gets its result; the job takes no longer than 1.2 times the budget's lower bound
(the number of ``PUT``s at 10 a second). Lines of one item go out in one ``PUT``: 400 items without
variations and 25 with 4 variations each make 500 lines and 425 writes.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from melihub.app import create_app
from melihub.connections.runtime import install_meli
from melihub.events import timeline_notes
from melihub.runtime import Services
from melihub.sandbox.testing import running_sandbox
from melihub.sandbox.world import World, load_scenario
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql
from melihub.testing.server import serve_in_thread
from tests.catalog.test_bulk_update_stock import BULK
from tests.conftest import PUBLIC_URL, link_seller
from tests.events.test_live_orders import _syncs_settled

pytestmark = pytest.mark.slow

WRITES_PER_S = 10
SIMPLE_ITEMS, VARIATION_ITEMS, VARIATIONS_EACH = 400, 25, 4
STATUS = "query($id: ID!) { bulkOperation(id: $id) { id status done total lines { result } } }"


def _sku(attributes: list[dict[str, Any]], sku: str) -> list[dict[str, Any]]:
    kept = [a for a in attributes if a.get("id") != "SELLER_SKU"]
    return [*kept, {"id": "SELLER_SKU", "name": "SKU", "value_name": sku, "values": [{"name": sku}]}]


def bulk_world() -> World:
    """The reference world plus seller A's 425 items for the run."""
    world = load_scenario()
    simple, varied = world.get("items", "MLB3012345603"), world.get("items", "MLB3012345601")
    assert simple is not None and varied is not None
    for n in range(SIMPLE_ITEMS):
        item = copy.deepcopy(simple) | {"id": f"MLB40000{n:05d}", "available_quantity": 5}
        item["attributes"] = _sku(item["attributes"], f"BULK-S-{n:04d}")
        item["seller_custom_field"] = f"BULK-S-{n:04d}"
        world.put("items", item["id"], item)
    for n in range(VARIATION_ITEMS):
        item = copy.deepcopy(varied) | {"id": f"MLB41000{n:05d}"}
        template = item["variations"][0]
        item["variations"] = [
            copy.deepcopy(template)
            | {
                "id": 190000000000 + n * 10 + v,
                "available_quantity": 5,
                "attributes": _sku(template.get("attributes") or [], f"BULK-V-{n:02d}-{v}"),
                "seller_custom_field": f"BULK-V-{n:02d}-{v}",
            }
            for v in range(VARIATIONS_EACH)
        ]
        item["available_quantity"] = 5 * VARIATIONS_EACH
        world.put("items", item["id"], item)
    return world


@pytest.fixture
def sandbox() -> Iterator[Any]:
    with running_sandbox(world=bulk_world(), item_write_rate_per_s=WRITES_PER_S) as handle:
        yield handle


@pytest_asyncio.fixture
async def meli_services(services: Services, sandbox: Any) -> Services:
    """Only the write budget binds: the application's and the seller's are far above it."""
    services.settings = services.settings.model_copy(
        update={
            "meli_api_url": sandbox.url,
            "meli_auth_url": sandbox.url,
            "public_url": PUBLIC_URL,
            "meli_app_rate_per_s": 1000.0,
            "meli_seller_rate_per_s": 1000.0,
            "meli_write_rates": [f"items:{WRITES_PER_S}"],
        }
    )
    install_meli(services, timeline_notes.record)
    return services


def lines() -> list[dict[str, Any]]:
    simple = [{"sku": f"BULK-S-{n:04d}", "availableQuantity": 20 + n % 7} for n in range(SIMPLE_ITEMS)]
    varied = [
        {"sku": f"BULK-V-{n:02d}-{v}", "availableQuantity": 10 + v}
        for n in range(VARIATION_ITEMS)
        for v in range(VARIATIONS_EACH)
    ]
    return simple + varied


async def test_500_lines_at_10_writes_a_second_never_meet_a_429_and_stay_within_the_bound(
    meli_services: Services, sandbox: Any, live_settings: Any, worker: Any, tenant_a: Any
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    with serve_in_thread(create_app(settings=live)) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            await _syncs_settled(meli_services, tenant_a[0].id, timeout_s=120)  # the link's backfill: not timed
            sandbox.reset_stats()

            started = time.monotonic()
            body = await gql(http, BULK, {"lines": lines()})
            operation = body["data"]["bulkUpdateStock"]["bulkOperation"]
            assert body["data"]["bulkUpdateStock"]["errors"] == [], body
            while operation["status"] != "DONE":
                await asyncio.sleep(0.2)
                operation = (await gql(http, STATUS, {"id": operation["id"]}))["data"]["bulkOperation"]
            elapsed = time.monotonic() - started

    calls = sandbox.calls()
    puts = [c for c in calls if c["method"] == "PUT" and c["route"] == "/items/{id}"]
    bound = len(puts) / WRITES_PER_S
    print(
        f"bulkUpdateStock: {operation['total']} lines, {len(puts)} PUTs in {elapsed:.1f} s; "
        f"lower bound at {WRITES_PER_S} writes/s {bound:.1f} s; ratio {elapsed / bound:.3f}"
    )
    assert [c for c in calls if c["status"] == 429] == []
    assert operation["done"] == operation["total"] == 500
    assert {line["result"] for line in operation["lines"]} == {"UPDATED"}
    assert len(puts) == SIMPLE_ITEMS + VARIATION_ITEMS and {p["status"] for p in puts} == {200}
    assert elapsed <= 1.2 * bound
    assert sandbox.get("items", "MLB4100000003")["variations"][2]["available_quantity"] == 12
