"""bulkUpdateStock: up to 500 stocks by SKU, listing or variation, as a job with a result per line; the lines
of one listing go out in one ``PUT``; the operation and its results are kept and readable afterwards."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user, set_member_accounts
from melihub.connections.models import MeliAccount
from melihub.graphql.relay import row_id_of
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gql, login
from melihub_workers.tasks.catalog import run_bulk_operation
from tests.catalog.world import SIMPLE, VARIATIONS, World, editing_world, store_items

BULK = """
mutation($lines: [StockLine!]!) {
  bulkUpdateStock(lines: $lines) {
    bulkOperation { id status total done }
    errors { field message code }
  }
}
"""
OPERATION = """
query($id: ID!) {
  bulkOperation(id: $id) {
    id status total done startedAt finishedAt
    lines { position sku listingId variationId availableQuantity result message previousQuantity }
  }
}
"""


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a, roles=(Role.OPERATOR, Role.SUPPORT)) as built:
        yield built


async def start(world: World, lines: list[dict[str, Any]], role: str = "operator") -> dict[str, Any]:
    result: dict[str, Any] = (await world.call(role, BULK, {"lines": lines}))["data"]["bulkUpdateStock"]
    return result


async def finished(world: World, operation_id: str) -> dict[str, Any]:
    """Run the operation's job as the worker does (the job it queued), then read the operation."""
    row_id = row_id_of(operation_id, "BulkOperation")
    outcome = await run_bulk_operation({"services": world.services}, str(world.tenant.id), str(row_id))
    assert outcome == {"more": False}
    operation: dict[str, Any] = (await world.call("operator", OPERATION, {"id": operation_id}))["data"]["bulkOperation"]
    assert operation["status"] == "DONE", operation
    return operation


async def test_lines_by_sku_listing_and_variation_get_their_results(world: World) -> None:
    variations = await world.variation_ids(VARIATIONS)
    lines = [
        {"sku": "CAM-BAS-PRT-M", "availableQuantity": 20},  # 180000000101 (14)
        {"variationId": variations[180000000104], "availableQuantity": 3},  # (0)
        {"variationId": variations[180000000103], "availableQuantity": 6},  # already 6
        {"listingId": await world.listing_id(SIMPLE), "availableQuantity": 33},  # (40)
        {"sku": "NAO-EXISTE", "availableQuantity": 1},
    ]

    started = await start(world, lines)
    assert started["errors"] == [] and started["bulkOperation"]["total"] == 5
    operation = await finished(world, started["bulkOperation"]["id"])

    results = [(line["result"], line["previousQuantity"]) for line in operation["lines"]]
    assert results == [("UPDATED", 14), ("UPDATED", 0), ("UNCHANGED", 6), ("UPDATED", 40), ("NOT_FOUND", None)]
    assert operation["done"] == 5 and operation["finishedAt"] is not None
    assert operation["lines"][0]["variationId"] == variations[180000000101]  # what the SKU resolved to
    held = world.sandbox.get("items", VARIATIONS)
    assert [v["available_quantity"] for v in held["variations"]] == [20, 9, 6, 3]
    assert world.sandbox.get("items", SIMPLE)["available_quantity"] == 33
    puts = world.item_puts()
    assert sorted(p["path"] for p in puts) == sorted([f"/items/{SIMPLE}", f"/items/{VARIATIONS}"])  # one each
    [variation_put] = world.item_puts(VARIATIONS)
    assert variation_put["body"] == {
        "variations": [
            {"id": 180000000101, "available_quantity": 20},
            {"id": 180000000102},
            {"id": 180000000103},
            {"id": 180000000104, "available_quantity": 3},
        ]
    }
    history = {(c.field, c.source) for c in await world.changes(VARIATIONS)}
    assert ("variation:180000000104.availableQuantity", "MELIHUB") in history


async def test_a_sku_on_two_listings_is_ambiguous_and_nothing_is_sent_for_it(world: World) -> None:
    twin = world.sandbox.get("items", "MLB3012345608")
    twin["seller_custom_field"] = "GT-INOX-1L"  # the SKU of MLB3012345603 too
    twin["attributes"] = [a for a in twin.get("attributes") or [] if a.get("id") != "SELLER_SKU"]
    world.sandbox.put("items", "MLB3012345608", twin)
    await store_items(world.services, world.account, world.sandbox, ("MLB3012345608",))

    started = await start(world, [{"sku": "GT-INOX-1L", "availableQuantity": 1}])
    operation = started["bulkOperation"]

    assert operation["status"] == "DONE"  # every result was known at once: no job
    done = await finished(world, operation["id"])
    assert [(line["result"], line["listingId"]) for line in done["lines"]] == [("AMBIGUOUS_SKU", None)]
    assert world.sandbox.calls() == []


async def test_lines_contradicting_each_other_fail_and_a_listing_with_variations_needs_them(world: World) -> None:
    lines = [
        {"sku": "CAM-BAS-PRT-M", "availableQuantity": 20},
        {"sku": "CAM-BAS-PRT-M", "availableQuantity": 21},
        {"listingId": await world.listing_id(VARIATIONS), "availableQuantity": 50},
    ]

    operation = await finished(world, (await start(world, lines))["bulkOperation"]["id"])

    assert [line["result"] for line in operation["lines"]] == ["FAILED", "FAILED", "FAILED"]
    assert "different stock" in operation["lines"][0]["message"]
    assert "variations" in operation["lines"][2]["message"]
    assert world.item_puts() == []


async def test_the_call_itself_is_checked(world: World) -> None:
    simple = await world.listing_id(SIMPLE)
    too_many = await start(world, [{"sku": f"S{i}", "availableQuantity": 1} for i in range(501)])
    two_targets = await start(world, [{"sku": "X", "listingId": simple, "availableQuantity": 1}])
    negative = await start(world, [{"listingId": simple, "availableQuantity": -2}])
    empty = await start(world, [])

    assert [(e["field"], e["code"]) for e in too_many["errors"]] == [("lines", "TOO_MANY_LINES")]
    assert [(e["field"], e["code"]) for e in two_targets["errors"]] == [("lines[0]", "INVALID_LINE")]
    assert [(e["field"], e["code"]) for e in negative["errors"]] == [("lines[0].availableQuantity", "INVALID_QUANTITY")]
    assert [(e["field"], e["code"]) for e in empty["errors"]] == [("lines", "NO_LINES")]
    assert await world.sql("SELECT count(*) FROM bulk_operations") == [(0,)]


async def test_support_may_not_update_stock(world: World) -> None:
    result = await start(world, [{"sku": "GT-INOX-1L", "availableQuantity": 1}], role="support")

    assert [e["code"] for e in result["errors"]] == ["FORBIDDEN"] and result["bulkOperation"] is None


async def test_progress_is_published_and_the_call_is_audited(world: World) -> None:
    pubsub = world.services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(world.tenant.id))
    try:
        await pubsub.get_message(timeout=1)
        started = await start(world, [{"sku": "GT-INOX-1L", "availableQuantity": 7}])
        operation = await finished(world, started["bulkOperation"]["id"])
        statuses = []
        for _ in range(40):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
            if message is not None and json.loads(message["data"])["type"] == "bulk_operation":
                statuses.append(json.loads(message["data"])["version"])
    finally:
        await pubsub.aclose()

    assert operation["lines"][0]["result"] == "UPDATED"
    assert statuses[0] == "QUEUED" and statuses[-1] == "DONE" and "RUNNING" in statuses
    [(target_type, after)] = await world.sql(
        "SELECT target_type, after FROM audit_log WHERE action = 'bulkUpdateStock'"
    )
    assert (target_type, after) == ("BulkOperation", {"lines": 1, "knownAtOnce": 0})


async def test_account_limits_hold_for_lines_and_for_reading_operations(world: World) -> None:
    other = MeliAccount(tenant_id=world.tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    owner = Principal(tenant_id=world.tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=world.owner.id)
    async with world.services.db.tenant(world.tenant.id) as session:
        session.add(other)
        await session.flush()
        view, password = await invite_user(session, owner, email="limitado@aurora.example", role=Role.OPERATOR)
        await set_member_accounts(session, owner, view.user.id, [other.id])
    assert password is not None
    theirs = await start(world, [{"sku": "GT-INOX-1L", "availableQuantity": 2}])  # an unlimited operator's
    async with world.new_client() as http:
        assert (await login(http, "limitado@aurora.example", password))["errors"] == []
        world.http["limited"] = http
        by_sku = await start(world, [{"sku": "GT-INOX-1L", "availableQuantity": 1}], role="limited")
        by_id = await start(world, [{"listingId": await world.listing_id(SIMPLE), "availableQuantity": 1}], "limited")
        own = await gql(http, OPERATION, {"id": by_sku["bulkOperation"]["id"]})
        foreign = await gql(http, OPERATION, {"id": theirs["bulkOperation"]["id"]})

    assert [line["result"] for line in own["data"]["bulkOperation"]["lines"]] == ["NOT_FOUND"]  # not on its account
    assert [(e["field"], e["code"]) for e in by_id["errors"]] == [("lines[0].listingId", "NOT_FOUND")]
    assert foreign["data"]["bulkOperation"] is None and error_codes(foreign) == ["NOT_FOUND"]
