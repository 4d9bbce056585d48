"""The listings screen in a real browser (issue 14's acceptance).

A variation's stock typed in /anuncios reaches the sandbox's item, and Mercado Livre's notification of
that write is processed by melihub; a sale made on Mercado Livre afterwards comes back through its
notification to the open page (no reload) and into the listing's history beside the melihub edit.

Conflict: the sandbox changes the price first *without notifying* (``notify`` off), so melihub's stored
version still matches what the user saw and only the API's read of the item before writing can find
the change: the honest path of "an edit overwrites a change made in Mercado Livre a minute earlier".
(A notified change would refresh the row under the user's draft; the screen keeps the version the user
started from, so that too ends in the dialog, but it would not exercise the re-read.) The dialog shows
Mercado Livre's price beside the user's and the sandbox's request log has no PUT for the item until the
user chooses: "Usar os do Mercado Livre" sends nothing at all, "Manter os meus" sends it then.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

ITEM = "MLB3012345601"  # 4 variations at 59.90: stock 14, 9, 6, 0 (fixture)
VARIATION, NEW_STOCK = 180000000102, 12  # 9 → 12 from the screen
SALE_VARIATION, SALE_STOCK = 180000000101, 13  # 14 → 13: a sale on Mercado Livre
SIMPLE = "MLB3012345603"  # no variations, 89.90
BULK_CSV = "sku,listingId,availableQuantity\\nCAM-BAS-BRC-M,,5\\n,MLB3012345606,7\\nNAO-EXISTE,,3\\n"
ANALYST_EMAIL = "bia.analista@aurora.example"
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST, name: "Bia") { temporaryPassword errors { code message } }
}"""
EVENTS = """query($resource: String!) {
  integrationEvents(filter: {resource: $resource}) { nodes { status receivedAt } }
}"""


def item_puts(stack: Stack, ml_id: str) -> list[dict[str, Any]]:
    """The PUT /items/<id> calls the sandbox received (melihub's writes)."""
    calls = stack.sandbox.calls()
    return [c for c in calls if c["method"] == "PUT" and c["route"] == "/items/{id}" and c["path"] == f"/items/{ml_id}"]


def variation_stock(raw: dict[str, Any], variation_id: int) -> int:
    [found] = [v for v in raw["variations"] if v["id"] == variation_id]
    return int(found["available_quantity"])


def change_on_mercado_livre(stack: Stack, ml_id: str, notify: bool, **values: Any) -> dict[str, Any]:
    raw: dict[str, Any] = stack.sandbox.get("items", ml_id)
    raw.update(values)
    stack.sandbox.put("items", ml_id, raw, notify=notify)
    stored: dict[str, Any] = stack.sandbox.get("items", ml_id)
    return stored


def sell_one(stack: Stack) -> None:
    """A buyer takes one of SALE_VARIATION: Mercado Livre lowers its stock and tells the seller."""
    raw: dict[str, Any] = stack.sandbox.get("items", ITEM)
    for variation in raw["variations"]:
        if variation["id"] == SALE_VARIATION:
            variation["available_quantity"] -= 1
            variation["sold_quantity"] = variation.get("sold_quantity", 0) + 1
    raw["available_quantity"] = sum(v["available_quantity"] for v in raw["variations"])
    raw["sold_quantity"] = raw.get("sold_quantity", 0) + 1
    stack.sandbox.put("items", ITEM, raw, notify=True)


async def processed_item_events(stack: Stack, ml_id: str, timeout_s: float = 20) -> list[dict[str, Any]]:
    http = await stack.owner()
    try:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while True:
            nodes = (await graphql(http, EVENTS, resource=f"/items/{ml_id}"))["integrationEvents"]["nodes"]
            done = [node for node in nodes if node["status"] == "PROCESSED"]
            if done or asyncio.get_running_loop().time() > deadline:
                return done
            await asyncio.sleep(0.25)
    finally:
        await http.aclose()


async def test_listing_edits_reach_mercado_livre_come_back_live_and_conflicts_wait_for_the_user(
    stack: Stack, tmp_path: Path
) -> None:
    http = await stack.owner()
    try:
        invited = (await graphql(http, INVITE, email=ANALYST_EMAIL))["inviteUser"]
    finally:
        await http.aclose()
    assert invited["errors"] == [] and invited["temporaryPassword"], invited
    shots = screenshot_dir(tmp_path)
    env = browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        ANALYST_EMAIL=ANALYST_EMAIL,
        ANALYST_PASSWORD=invited["temporaryPassword"],
        VARIATIONS_ITEM=ITEM,
        VARIATION=VARIATION,
        NEW_STOCK=NEW_STOCK,
        SALE_VARIATION=SALE_VARIATION,
        SALE_STOCK=SALE_STOCK,
        SIMPLE_ITEM=SIMPLE,
        TYPED_PRICE="95,00",
        BULK_CSV=BULK_CSV,
    )
    script = BrowserScript("listings.mjs", env)
    try:
        script.start()
        await script.expect("READY", timeout_s=60)
        _, saved_ms = (await script.expect("SAVED", timeout_s=60)).split()

        # The edit is on Mercado Livre's item (one write, naming every variation), and its notification
        # came back into melihub.
        item = await asyncio.to_thread(stack.sandbox.get, "items", ITEM)
        assert variation_stock(item, VARIATION) == NEW_STOCK
        [put] = await asyncio.to_thread(item_puts, stack, ITEM)
        assert len(put["body"]["variations"]) == 4, put
        assert await processed_item_events(stack, ITEM), "no processed /items notification after the write"

        await asyncio.to_thread(sell_one, stack)
        script.send("SALE")
        _, sale_ms = (await script.expect("SALE_SEEN", timeout_s=60)).split()
        history = (await script.expect("HISTORY", timeout_s=60)).split()[1].split(",")
        assert f"variation:{VARIATION}.availableQuantity:MELIHUB" in history, history
        assert f"variation:{SALE_VARIATION}.availableQuantity:MERCADO_LIVRE" in history, history

        # Conflict 1: Mercado Livre's price changed unannounced; the user takes theirs: nothing is sent.
        await asyncio.to_thread(lambda: change_on_mercado_livre(stack, SIMPLE, notify=False, price=79.9))
        script.send("CHANGED")
        conflict = (await script.expect("CONFLICT", timeout_s=60)).split()
        assert conflict[1] == "79.90" and "95,00" in conflict[2], conflict
        await asyncio.sleep(0.5)
        assert await asyncio.to_thread(item_puts, stack, SIMPLE) == []
        script.send("TAKE")
        taken = (await script.expect("TAKEN", timeout_s=30)).split()
        assert taken[1:] == ["79.90", "79,90"], taken  # the stored amount; the box in pt-BR
        assert await asyncio.to_thread(item_puts, stack, SIMPLE) == []
        assert (await asyncio.to_thread(stack.sandbox.get, "items", SIMPLE))["price"] == 79.9

        # Conflict 2: changed again; the user keeps theirs: sent only after the choice.
        await asyncio.to_thread(lambda: change_on_mercado_livre(stack, SIMPLE, notify=False, price=84.9))
        script.send("CHANGED")
        conflict = (await script.expect("CONFLICT", timeout_s=60)).split()
        assert conflict[1] == "84.90", conflict
        await asyncio.sleep(0.5)
        assert await asyncio.to_thread(item_puts, stack, SIMPLE) == []
        script.send("KEEP")
        await script.expect("KEPT", timeout_s=60)
        puts = await asyncio.to_thread(item_puts, stack, SIMPLE)
        assert len(puts) == 1 and float(puts[0]["body"]["price"]) == 95.0, puts
        assert (await asyncio.to_thread(stack.sandbox.get, "items", SIMPLE))["price"] == 95.0

        # A price of 0: the API's reason, in pt-BR, under the price box; nothing more is sent.
        _, invalid, said = (await script.expect("FIELD_ERROR", timeout_s=30)).split()
        assert invalid == "true" and said.startswith("Use_um_valor_positivo"), (invalid, said)
        assert len(await asyncio.to_thread(item_puts, stack, SIMPLE)) == 1

        # Bulk stock: the preview matched each line; each got its result; the sandbox has the stocks.
        _, matches, results = (await script.expect("BULK", timeout_s=90)).split()
        _, analyst_controls = (await script.expect("ANALYST", timeout_s=60)).split()
        await script.finish(timeout_s=60)
    finally:
        script.kill()

    print(f"variation saved and shown in {saved_ms} ms; the sale on Mercado Livre on screen in {sale_ms} ms")
    assert matches.split(",") == ["found", "found", "none"], matches
    assert results.split(",") == ["UPDATED", "UPDATED", "NOT_FOUND"], results
    assert variation_stock(await asyncio.to_thread(stack.sandbox.get, "items", ITEM), 180000000104) == 5
    assert (await asyncio.to_thread(stack.sandbox.get, "items", "MLB3012345606"))["available_quantity"] == 7
    assert analyst_controls == "0"  # an analyst reads; the API refuses their writes anyway
    assert int(sale_ms) < 10_000
    axe = [line.split()[1] for line in script.axe_lines]
    assert axe == ["listings", "listings-history", "listings-conflict", "listings-bulk"], axe
    assert {"listings.png", "listings-history.png", "listings-conflict.png", "listings-bulk.png"} <= {
        path.name for path in shots.iterdir()
    }
