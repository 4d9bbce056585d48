"""The dashboard in a real browser: pt-BR sign-in, the seller's orders, a new order appearing live,
and the account's sync health, then a run started with "Sincronizar agora" followed to its end.

Chromium (Debian's) drives frontend/e2e/dashboard.mjs against the API serving the built dashboard;
the new order travels the real path: sandbox → webhook → worker → Redis → graphql-ws → the page, and
so does the run's progress: mutation → worker (the sync engine, against the sandbox) → syncProgress.
"""

from __future__ import annotations

import asyncio
import copy
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from melihub.app import CHECKOUT_FRONTEND_BUILD, create_app
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import login
from melihub.testing.server import serve_in_thread
from tests.conftest import OWNER_PASSWORD, PUBLIC_URL, link_seller

FRONTEND = CHECKOUT_FRONTEND_BUILD.parent
SCRIPT = FRONTEND / "e2e" / "dashboard.mjs"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SELLER_A_ORDERS = ("2000009876543201", "2000009876543202")
NEW_ORDER = "2000009876599999"
SELLER_A_NICKNAME = "LOJA_CASA_AURORA"
ORDERS = "{ orders { edges { node { mlId } } } }"
RUNS = "{ syncRuns(first: 5) { nodes { kind status total done } } }"
# Slows the resources an incremental run reads (and a new order's webhook path does not), so that the
# run started from the page lasts a few seconds instead of a few hundred milliseconds: long enough for
# the browser to see it running, not only ended.
SLOW_SYNC = {"endpoints": {family: {"latency_ms": 800} for family in ("questions", "messages", "claims")}}


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """The reference world with its clock moved to now, so linking's 30-day backfill finds its orders."""
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox(rebase_clock=True) as handle:
        yield handle


def _missing_tools() -> str | None:
    if not (CHECKOUT_FRONTEND_BUILD / "index.html").is_file():
        return "the dashboard is not built (make frontend)"
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir() or shutil.which("node") is None:
        return "node and frontend/node_modules are needed (make frontend)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (make browser-tools)"
    return None


@pytest.fixture
def browser_tools() -> None:
    missing = _missing_tools()
    if missing and os.environ.get("MELIHUB_REQUIRE_BROWSER") == "1":
        pytest.fail(missing)  # make test sets it: there, a missing tool is a failure, not a skip
    if missing:
        pytest.skip(missing)


async def _wait_for_orders(http: httpx.AsyncClient, wanted: set[str], timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        edges = (await http.post("/graphql", json={"query": ORDERS})).json()["data"]["orders"]["edges"]
        if wanted <= {edge["node"]["mlId"] for edge in edges}:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"orders {wanted} were not imported")


async def _wait_for_runs_to_end(http: httpx.AsyncClient, timeout_s: float = 60) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        runs: list[dict[str, Any]] = (await http.post("/graphql", json={"query": RUNS})).json()["data"]["syncRuns"][
            "nodes"
        ]
        if runs and all(run["status"] not in ("QUEUED", "RUNNING") for run in runs):
            return runs
        await asyncio.sleep(0.2)
    raise AssertionError(f"sync runs did not end: {runs}")


async def _read_line(process: subprocess.Popen[str], timeout_s: float) -> str:
    assert process.stdout is not None
    line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), timeout_s)
    return line.strip()


async def test_a_new_order_appears_and_a_sync_runs_to_its_end_on_the_open_dashboard(
    browser_tools, meli_services, sandbox, live_settings, worker, tenant_a, tmp_path
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    shots = Path(os.environ.get("MELIHUB_SCREENSHOT_DIR", tmp_path))
    with serve_in_thread(create_app(settings=live)) as base:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            for order in SELLER_A_ORDERS:
                await asyncio.to_thread(sandbox.notify, SELLER_A, "orders_v2", f"/orders/{order}")
            await _wait_for_orders(http, set(SELLER_A_ORDERS))
            # Linking queued the account's backfill; the page starts from a synced, healthy account.
            backfill = await _wait_for_runs_to_end(http)
            assert [(run["kind"], run["status"]) for run in backfill] == [("BACKFILL", "SUCCEEDED")], backfill
            await asyncio.to_thread(sandbox.set_faults, SLOW_SYNC)
        browser = subprocess.Popen(
            ["node", str(SCRIPT)],
            cwd=FRONTEND,
            env={
                **os.environ,
                "BASE_URL": base,
                "EMAIL": "ana@aurora.example",
                "PASSWORD": OWNER_PASSWORD,
                "EXPECT_ORDER": NEW_ORDER,
                "EXPECT_ACCOUNT": SELLER_A_NICKNAME,
                "SCREENSHOT_DIR": str(shots),
                "CHROMIUM_PATH": CHROMIUM,
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            ready = await _read_line(browser, timeout_s=60)
            assert ready == "READY", (ready, browser.stderr.read() if browser.poll() is not None else "")
            order = copy.deepcopy(await asyncio.to_thread(sandbox.get, "orders", SELLER_A_ORDERS[0]))
            order["id"] = int(NEW_ORDER)
            await asyncio.to_thread(sandbox.put, "orders", NEW_ORDER, order, notify=True)
            seen = await _read_line(browser, timeout_s=30)
            synced = await _read_line(browser, timeout_s=60)
            returncode = await asyncio.wait_for(asyncio.to_thread(browser.wait), 60)
        finally:
            if browser.poll() is None:
                browser.kill()
        errors = browser.stderr.read() if browser.stderr else ""
        assert seen.startswith("SEEN "), (seen, errors)
        assert int(seen.split()[1]) < 5_000, seen  # ms from READY (page waiting) to the new row on screen
        assert synced.startswith("SYNCED "), (synced, errors)  # ms from the click to the run's end on screen
        assert returncode == 0, errors
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            await login(http, "ana@aurora.example", OWNER_PASSWORD)
            runs = await _wait_for_runs_to_end(http)
    # The run the page started is the account's newest: an incremental one (the backfill came before).
    assert [(run["kind"], run["status"]) for run in runs] == [("INCREMENTAL", "SUCCEEDED"), ("BACKFILL", "SUCCEEDED")]
    assert runs[0]["done"] == runs[0]["total"] > 0, runs
    screenshots = {"dashboard.png", "live-order.png", "sync-running.png", "sync-finished.png", "dashboard-en.png"}
    assert screenshots <= {p.name for p in shots.iterdir()}
