"""Fixtures of the browser scenarios: the whole product running for real, and the browser's tools."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio

from melihub.config import Settings
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import login
from tests.conftest import OWNER_PASSWORD, link_seller
from tests.frontend.harness import RestartableApi, api_port, missing_browser_tools, running_api

OWNER_EMAIL = "ana@aurora.example"
RUNS = "query($first: Int) { syncRuns(first: $first) { nodes { kind status total done meliAccount { id } } } }"


@pytest.fixture
def browser_tools() -> None:
    missing = missing_browser_tools()
    if missing and os.environ.get("MELIHUB_REQUIRE_BROWSER") == "1":
        pytest.fail(missing)  # make test sets it: there, a missing tool is a failure, not a skip
    if missing:
        pytest.skip(missing)


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """The reference world with its clock moved to now (linking's backfill finds its orders), and
    notification retries 20× faster, so a delivery refused while the API is down comes back soon."""
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox(rebase_clock=True, time_scale=0.05) as handle:
        yield handle


@dataclass
class Stack:
    api: RestartableApi
    sandbox: Any
    settings: Settings

    @property
    def base(self) -> str:
        return self.api.base

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.base, timeout=10)

    async def owner(self) -> httpx.AsyncClient:
        http = self.client()
        await login(http, OWNER_EMAIL, OWNER_PASSWORD)
        return http


async def graphql(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body = (await http.post("/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def wait_for_runs_to_end(http: httpx.AsyncClient, timeout_s: float = 90) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout_s
    runs: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        runs = (await graphql(http, RUNS, first=10))["syncRuns"]["nodes"]
        if runs and all(run["status"] not in ("QUEUED", "RUNNING") for run in runs):
            return runs
        await asyncio.sleep(0.25)
    raise AssertionError(f"sync runs did not end: {runs}")


@pytest_asyncio.fixture
async def stack(
    browser_tools: None, meli_services: Any, sandbox: Any, live_settings: Settings, worker: Any, tenant_a: Any
) -> AsyncIterator[Stack]:
    """API (restartable, on its own port), worker, sandbox and stores; seller A linked and synced."""
    port = api_port()
    base = f"http://127.0.0.1:{port}"
    # The OAuth redirect comes back to this very API, as it would in production.
    settings = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": base}
    )
    with running_api(settings, port) as api:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            runs = await wait_for_runs_to_end(http)
            assert [(run["kind"], run["status"]) for run in runs] == [("BACKFILL", "SUCCEEDED")], runs
        yield Stack(api=api, sandbox=sandbox, settings=settings)
