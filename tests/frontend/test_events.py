"""The events screen in a real browser: a notification whose order cannot be fetched turns failed on
the open timeline, and "Reprocessar" turns it processed once Mercado Livre answers again.

The event travels the real path: sandbox (order stored, notification sent) → webhook → worker,
whose fetch the sandbox fails (5xx on the orders family) → retrying → failed → integrationEventChanged
→ the page; then reprocessEvent → worker → processed → the page, with no reload in between. Then the
"Recebido" header orders the timeline oldest first on the server (and in the link), and back.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest_asyncio

from melihub.events import recovery
from melihub.runtime import Services
from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

SELLER_A_ORDER = "2000009876543201"
FAILING_ORDER = "2000009876599991"
RESOURCE = f"/orders/{FAILING_ORDER}"
ORDERS_DOWN = {"endpoints": {"orders": {"5xx": 1.0}}}
EVENTS = """query($resource: String!) {
  integrationEvents(filter: {resource: $resource}) { nodes { id status attempts lastError traceId } }
}"""
ORDERS = "{ orders(first: 20) { nodes { mlId } } }"
FIRST_EVENT = """query($direction: SortDirection!) {
  integrationEvents(sort: {field: RECEIVED_AT, direction: $direction}, first: 1) { nodes { id } totalCount }
}"""


@pytest_asyncio.fixture
async def meli_services(meli_services: Services) -> Services:
    """The worker retries a transient failure once, at once, then gives up (the default waits 30 s,
    2 min and 10 min). A retry is due when the inbox sweep, a cron the test's worker does not run,
    enqueues it: the test sweeps by hand, so the event's way to failed is seen step by step."""
    meli_services.settings = meli_services.settings.model_copy(update={"event_retry_delays_s": [0.0]})
    return meli_services


@asynccontextmanager
async def _owner(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    """The owner's signed-in client (Stack.owner() has already opened it: closed here at the end)."""
    http = await stack.owner()
    try:
        yield http
    finally:
        await http.aclose()


async def _event(stack: Stack) -> dict[str, Any]:
    async with _owner(stack) as http:
        [event] = (await graphql(http, EVENTS, resource=RESOURCE))["integrationEvents"]["nodes"]
    return event


async def test_a_failing_event_shows_failed_and_reprocess_turns_it_processed_live(
    stack: Stack, meli_services: Services, tmp_path
) -> None:
    shots = screenshot_dir(tmp_path)
    env = browser_env(stack.api, shots, EMAIL=OWNER_EMAIL, PASSWORD=OWNER_PASSWORD, EXPECT_RESOURCE=RESOURCE)
    script = BrowserScript("events.mjs", env)
    try:
        script.start()
        await script.expect("READY", timeout_s=60)

        # Mercado Livre answers 5xx for orders; a new order of seller A (a copy of one) is notified.
        await asyncio.to_thread(stack.sandbox.set_faults, ORDERS_DOWN)
        order = copy.deepcopy(await asyncio.to_thread(stack.sandbox.get, "orders", SELLER_A_ORDER))
        order["id"] = int(FAILING_ORDER)
        await asyncio.to_thread(lambda: stack.sandbox.put("orders", FAILING_ORDER, order, notify=True))
        script.send("GO")
        _, seen_ms, event_id = (await script.expect("SEEN", timeout_s=40)).split()
        _, retrying_ms = (await script.expect("RETRYING", timeout_s=40)).split()
        retrying = await _event(stack)
        assert (retrying["id"], retrying["status"], retrying["attempts"]) == (event_id, "RETRYING", 1), retrying

        # The inbox sweep enqueues the due retry, which fails too: the worker gives up.
        assert await recovery.sweep_inbox(meli_services) >= 1
        script.send("SWEPT")
        _, failed_ms, statuses = (await script.expect("FAILED", timeout_s=40)).split()
        failed = await _event(stack)
        assert (failed["status"], failed["attempts"]) == ("FAILED", 2), failed
        assert "gave up after 2 attempts" in failed["lastError"], failed

        # Mercado Livre is back: reprocessing from the timeline turns the event processed.
        _, trace_shown = (await script.expect("FAULT_SHOWN", timeout_s=40)).split()
        # The viewer shows the trace the webhook started (logs carry it as trace_id).
        assert trace_shown == failed["traceId"] and len(trace_shown) == 32, (trace_shown, failed)
        await asyncio.to_thread(stack.sandbox.set_faults, {})
        script.send("CLEARED")
        _, processed_ms, after = (await script.expect("PROCESSED", timeout_s=40)).split()
        _, oldest_ms, *oldest = (await script.expect("OLDEST_FIRST", timeout_s=60)).split()
        _, newest_ms, *newest = (await script.expect("NEWEST_FIRST", timeout_s=60)).split()
        await script.finish(timeout_s=60)
    finally:
        script.kill()
        await asyncio.to_thread(stack.sandbox.set_faults, {})

    print(
        f"event on screen {seen_ms} ms after the notification, RETRYING at {retrying_ms} ms, FAILED at "
        f"{failed_ms} ms (statuses seen {statuses}); PROCESSED {processed_ms} ms after Reprocessar ({after}); "
        f"oldest first in {oldest_ms} ms, newest first again in {newest_ms} ms"
    )
    assert int(seen_ms) < 5_000
    assert int(processed_ms) < 5_000
    assert statuses.split(",")[-1] == "FAILED" and "RETRYING" in statuses.split(","), statuses
    assert after.split(",")[-1] == "PROCESSED", after
    processed = await _event(stack)
    assert (processed["status"], processed["lastError"]) == ("PROCESSED", None), processed
    async with _owner(stack) as http:
        orders = {node["mlId"] for node in (await graphql(http, ORDERS))["orders"]["nodes"]}
    assert FAILING_ORDER in orders  # the reprocessed event imported the order

    # Clicking "Recebido" put the oldest event first (the API's own oldest), said so, kept it in the
    # link; clicking it again put the newest first and dropped ?sort.
    async with _owner(stack) as http:
        first_asc = (await graphql(http, FIRST_EVENT, direction="ASC"))["integrationEvents"]
        first_desc = (await graphql(http, FIRST_EVENT, direction="DESC"))["integrationEvents"]
    assert first_asc["totalCount"] >= 2 and first_asc["nodes"][0]["id"] != first_desc["nodes"][0]["id"]
    shown = min(first_asc["totalCount"], 25)
    assert oldest == ["ascending", "oldest", "asc", first_asc["nodes"][0]["id"], str(shown)], oldest
    assert newest == ["descending", "-", "desc", first_desc["nodes"][0]["id"], str(shown)], newest
    assert int(oldest_ms) < 5_000 and int(newest_ms) < 5_000
    assert [line.split()[1] for line in script.axe_lines] == ["events", "events-payload"]
    assert {"events.png", "events-payload.png"} <= {path.name for path in shots.iterdir()}
