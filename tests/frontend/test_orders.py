"""The orders screen in a real browser: "Marcar embalado" on one order of a pack packs every order of
the pack; a cancelled order's mark is refused with its reason; the selection's pick list adds its
lines up by SKU; its labels print into one PDF behind a signed URL that answers a PDF of one page per
shipment; an order's detail shows its shipment; the bench's scan field packs an order typed by its
number; the floor's late tile opens the orders late to dispatch; an analyst sees the orders with no
button that writes.

The reference world ships seller A's pack 2000004567890123 (orders …202 and …203) already; Mercado
Livre moves it back to ready_to_ship here (sandbox write + `shipments` notification → worker), so the
bench has a pack to work on.
"""

from __future__ import annotations

import asyncio
import io
import time
from pathlib import Path
from typing import Any

import httpx
from pypdf import PdfReader

from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

PACK = "2000004567890123"  # seller A's pack of two orders (fixtures/orders, fixtures/packs)
PACK_ORDERS = ("2000009876543202", "2000009876543203")
PACK_SHIPMENT = "44123456702"
CANCELLED = "2000009876543205"  # cancelled, its shipment too
SINGLE = "2000009876543201"  # paid, shipment 44123456701 ready_to_ship / ready_to_print
SINGLE_SHIPMENT = "44123456701"
ANALYST_EMAIL = "bia.analista@aurora.example"

ORDERS = "{ orders(first: 50) { nodes { mlId packId fulfilment { state } shipment { mlId status substatus } } } }"
SHIPMENTS = "{ shipments(first: 50) { nodes { mlId status substatus labelPrintedAt exception } } }"
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST, name: "Bia") { temporaryPassword errors { code message } }
}"""


async def _orders(http: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    return {node["mlId"]: node for node in (await graphql(http, ORDERS))["orders"]["nodes"]}


async def _pack_ready_to_ship(stack: Stack, http: httpx.AsyncClient, timeout_s: float = 30) -> None:
    """Mercado Livre puts the pack's shipment back to ready_to_print and notifies; melihub stores it."""
    shipment = await asyncio.to_thread(stack.sandbox.get, "shipments", PACK_SHIPMENT)
    shipment["status"], shipment["substatus"] = "ready_to_ship", "ready_to_print"
    await asyncio.to_thread(lambda: stack.sandbox.put("shipments", PACK_SHIPMENT, shipment, notify=True))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        orders = await _orders(http)
        if all(orders[ml_id]["fulfilment"]["state"] == "TO_PICK" for ml_id in PACK_ORDERS):
            return
        await asyncio.sleep(0.25)
    raise AssertionError(f"the pack's shipment did not come back ready to ship: {orders}")


def _label_calls(stack: Stack) -> list[dict[str, Any]]:
    return [call for call in stack.sandbox.calls() if call["route"] == "/shipment_labels"]


async def test_a_bench_packs_a_pack_prints_its_labels_and_scans_an_order(stack: Stack, tmp_path: Path) -> None:
    http = await stack.owner()
    try:
        await _pack_ready_to_ship(stack, http)
        invited = (await graphql(http, INVITE, email=ANALYST_EMAIL))["inviteUser"]
        assert invited["errors"] == [] and invited["temporaryPassword"], invited

        shots = screenshot_dir(tmp_path)
        env = browser_env(
            stack.api,
            shots,
            EMAIL=OWNER_EMAIL,
            PASSWORD=OWNER_PASSWORD,
            ANALYST_EMAIL=ANALYST_EMAIL,
            ANALYST_PASSWORD=invited["temporaryPassword"],
            PACK_ID=PACK,
            PACK_ORDER=PACK_ORDERS[0],
            CANCELLED_ORDER=CANCELLED,
            SCAN_ORDER=SINGLE,
        )
        script = BrowserScript("orders.mjs", env)
        calls_before = len(await asyncio.to_thread(_label_calls, stack))
        try:
            script.start()
            await script.expect("READY", timeout_s=60)
            _, unit_state, order_states = (await script.expect("PACKED", timeout_s=40)).split()
            after_pack = await _orders(http)
            refused = (await script.expect("REFUSED", timeout_s=40)).split(maxsplit=2)
            _, lines, pick_pdf = (await script.expect("PICKLIST", timeout_s=40)).split()
            _, label_count, labels_url = (await script.expect("LABELS", timeout_s=40)).split()
            labels = await http.get(labels_url)
            pick_list = await http.get(pick_pdf)
            _, detail_state, steps = (await script.expect("DETAIL", timeout_s=40)).split()
            _, scan_ok, scanned_state, scanned = (await script.expect("SCANNED", timeout_s=40)).split()
            _, late_listed, late_flagged = (await script.expect("LATE", timeout_s=40)).split()
            _, analyst_writes, analyst_notice = (await script.expect("ANALYST", timeout_s=60)).split()
            await script.finish(timeout_s=60)
            label_calls = len(await asyncio.to_thread(_label_calls, stack)) - calls_before
        finally:
            script.kill()
        final = await _orders(http)
        shipments = {node["mlId"]: node for node in (await graphql(http, SHIPMENTS))["shipments"]["nodes"]}
    finally:
        await http.aclose()

    pages = len(PdfReader(io.BytesIO(labels.content)).pages) if labels.content.startswith(b"%PDF") else 0
    print(f"\nlabels: {label_count} labels, {pages} PDF pages, {len(labels.content)} bytes; pick list lines {lines}")

    # One order of the pack marked: the whole pack moved, on screen and in the API.
    assert unit_state == "PACKED", (unit_state, order_states)
    assert set(order_states.split(",")) == {f"{ml_id}=PACKED" for ml_id in PACK_ORDERS}, order_states
    assert {after_pack[ml_id]["fulfilment"]["state"] for ml_id in PACK_ORDERS} == {"PACKED"}, after_pack

    # The cancelled order is refused with its reason, and stays cancelled.
    assert refused[1] == "CANCELLED" and "cancelado" in refused[2], refused
    assert final[CANCELLED]["fulfilment"]["state"] == "CANCELLED"

    # The pick list of the pack and the single order: one line per SKU, quantities added up.
    assert lines.split(",") == ["CAM-BAS-PRT-M:2", "CAN-CER-325:1", "GT-INOX-1L:1"], lines
    assert pick_list.status_code == 200 and pick_list.content.startswith(b"%PDF"), pick_list.status_code

    # Two shipments selected (a pack is one label): one Mercado Livre call, one PDF of two pages.
    assert labels.status_code == 200 and labels.headers["content-type"].startswith("application/pdf")
    assert labels.content.startswith(b"%PDF") and pages == 2 == int(label_count), (pages, label_count)
    assert label_calls == 1
    assert {shipments[s]["substatus"] for s in (PACK_SHIPMENT, SINGLE_SHIPMENT)} == {"printed"}, shipments
    assert all(shipments[s]["labelPrintedAt"] for s in (PACK_SHIPMENT, SINGLE_SHIPMENT))

    assert detail_state == "PACKED" and int(steps) >= 3, (detail_state, steps)

    # The bench: the order typed by its number is packed.
    assert (scan_ok, scanned_state, scanned) == ("true", "PACKED", "1")
    assert final[SINGLE]["fulfilment"]["state"] == "PACKED"

    # The floor's late tile opens the orders whose shipments are late to dispatch, each flagged.
    late = sorted(ml_id for ml_id, node in shipments.items() if node["exception"] == "LATE_TO_DISPATCH")
    assert late and late_listed.split(",") == late and int(late_flagged) == len(late), (late_listed, late)

    assert (analyst_writes, analyst_notice) == ("0", "true")
