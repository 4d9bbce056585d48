"""The integrations screen in a real browser: a second seller connected through the sandbox's OAuth
page, then "Sincronizar agora" followed on screen to 100 %.

The link travels the real path: connect dialog (site MLA) → startMeliLink → the sandbox's authorize
page (seller chosen, "Permitir") → the API's /oauth/meli/callback → back on /integracoes/?linked=….
The run's progress too: mutation → worker (the sync engine, against the sandbox) → syncProgress → bar.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from melihub.testing.fixtures import SELLER_A, SELLER_B
from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql, wait_for_runs_to_end
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

SELLER_A_NICKNAME = "LOJA_CASA_AURORA"
SELLER_B_NICKNAME = "TIENDA_PAMPA_SUR"
# Slows the resources an incremental run reads, so that the run started from the page lasts a few
# seconds instead of a few hundred milliseconds: long enough for the browser to see it running.
SLOW_SYNC = {"endpoints": {family: {"latency_ms": 800} for family in ("questions", "messages", "claims")}}
ACCOUNTS = "{ meliAccounts { nodes { id mlUserId nickname siteId status } } }"
RUNS_OF = """query($id: ID!) {
  syncRuns(filter: {meliAccountId: $id}, first: 5) { nodes { kind status total done } }
}"""


@asynccontextmanager
async def _owner(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    """The owner's signed-in client (Stack.owner() has already opened it: closed here at the end)."""
    http = await stack.owner()
    try:
        yield http
    finally:
        await http.aclose()


async def _accounts(stack: Stack) -> list[dict[str, Any]]:
    async with _owner(stack) as http:
        nodes: list[dict[str, Any]] = (await graphql(http, ACCOUNTS))["meliAccounts"]["nodes"]
    return nodes


async def test_connecting_a_second_seller_then_sync_now_shows_its_progress_to_100(stack: Stack, tmp_path) -> None:
    shots = screenshot_dir(tmp_path)
    env = browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        SELLER_NICKNAME=SELLER_B_NICKNAME,
        SELLER_SITE="MLA",
        SYNC_NICKNAME=SELLER_A_NICKNAME,
    )
    script = BrowserScript("integrations.mjs", env)
    try:
        script.start()
        await script.expect("READY", timeout_s=60)

        # Back on /integracoes/ with seller B listed: linked for real, to this tenant, on site MLA.
        _, linked_ms, linked_id = (await script.expect("LINKED", timeout_s=60)).split()
        accounts = {account["nickname"]: account for account in await _accounts(stack)}
        assert set(accounts) == {SELLER_A_NICKNAME, SELLER_B_NICKNAME}, accounts
        seller_b = accounts[SELLER_B_NICKNAME]
        assert (seller_b["id"], seller_b["mlUserId"], seller_b["siteId"], seller_b["status"]) == (
            linked_id,
            str(SELLER_B),
            "MLA",
            "ACTIVE",
        )
        assert accounts[SELLER_A_NICKNAME]["mlUserId"] == str(SELLER_A)
        # Linking queued B's backfill; the page's own run starts once it is over and the sandbox is slow.
        async with _owner(stack) as http:
            await wait_for_runs_to_end(http)
        await asyncio.to_thread(stack.sandbox.set_faults, SLOW_SYNC)
        script.send("GO")

        _, running_ms = (await script.expect("RUNNING", timeout_s=60)).split()
        _, synced_ms, seen = (await script.expect("SYNCED", timeout_s=120)).split()
        await script.finish(timeout_s=60)
    finally:
        script.kill()
        await asyncio.to_thread(stack.sandbox.set_faults, {})

    print(
        f"linked in {linked_ms} ms (Permitir → card), run RUNNING on screen {running_ms} ms after the click, "
        f"SUCCEEDED at 100 % {synced_ms} ms after it; bar states seen: {seen}"
    )
    assert int(linked_ms) < 15_000
    assert int(running_ms) < 5_000
    # The bar moved live: it was seen running part way, and it ended full, succeeded.
    states = [(status, int(value)) for status, value in (state.split(":") for state in seen.split(","))]
    assert any(status == "RUNNING" and 0 < value < 100 for status, value in states), states
    assert states[-1] == ("SUCCEEDED", 100), states
    # The run the page started is seller A's newest, and the API says it succeeded with all done.
    async with _owner(stack) as http:
        runs = (await graphql(http, RUNS_OF, id=accounts[SELLER_A_NICKNAME]["id"]))["syncRuns"]["nodes"]
        b_runs = (await graphql(http, RUNS_OF, id=linked_id))["syncRuns"]["nodes"]
    assert [(run["kind"], run["status"]) for run in runs] == [("INCREMENTAL", "SUCCEEDED"), ("BACKFILL", "SUCCEEDED")]
    assert runs[0]["done"] == runs[0]["total"] > 0, runs
    assert [(run["kind"], run["status"]) for run in b_runs] == [("BACKFILL", "SUCCEEDED")], b_runs
    assert [line.split()[1] for line in script.axe_lines] == [
        "integrations-connect",
        "integrations-sync",
        "integrations-unlink",
        "integrations",
    ]
    assert {"integrations.png", "integrations-sync.png"} <= {path.name for path in shots.iterdir()}
