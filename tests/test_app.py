"""Process-level behaviour of the API application."""

from __future__ import annotations

import gc
from typing import Any

import httpx

from melihub.app import RequestContextMiddleware, create_app
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture

ORDER_NOTIFICATION = load_fixture("notifications/orders_v2.json")


async def test_startup_heap_is_kept_out_of_garbage_collection(services: Services) -> None:
    # A full collection over the imported schema and libraries took ~100 ms: the webhook's p99.
    application = create_app(services)
    async with application.router.lifespan_context(application):
        assert gc.get_freeze_count() > 50_000
        gc.collect()
        assert gc.get_freeze_count() > 50_000, "a collection must not thaw the startup heap"
    assert gc.get_freeze_count() == 0, "shutdown thaws it, so a process hosting apps in turn keeps no garbage"


class RecordingLogger:
    def __init__(self) -> None:
        self.lines: list[tuple[str, str, int]] = []

    def info(self, event: str, **fields: Any) -> None:
        self.lines.append(("info", fields["path"], fields["status"]))

    def debug(self, event: str, **fields: Any) -> None:
        self.lines.append(("debug", fields["path"], fields["status"]))


async def test_routine_webhooks_log_at_debug_and_everything_else_at_info(services: Services, meli_account_a) -> None:
    # An accepted notification is already on the timeline; an access line per webhook would cost ~10 % of ingest.
    access = RecordingLogger()
    application = create_app(services)
    logged = RequestContextMiddleware(application, logger=access)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=logged)
        async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as client:
            assert (await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)).status_code == 200
            assert (await client.post("/webhooks/meli", content=b"{not json")).status_code == 400
            await client.post("/graphql", json={"query": "{ __typename }"})
            await client.get("/healthz")
    assert access.lines == [
        ("debug", "/webhooks/meli", 200),
        ("info", "/webhooks/meli", 400),
        ("info", "/graphql", 200),
    ]


async def test_the_built_dashboard_is_served_at_the_root_beside_the_api(services: Services, tmp_path) -> None:
    (tmp_path / "index.html").write_text("<title>melihub dashboard</title>")
    (tmp_path / "_next").mkdir()
    (tmp_path / "_next" / "app.js").write_text("console.log(1)")
    services.settings = services.settings.model_copy(update={"frontend_dir": tmp_path})
    application = create_app(services)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as client:
            root = await client.get("/")
            assert root.status_code == 200 and "melihub dashboard" in root.text
            assert (await client.get("/_next/app.js")).text == "console.log(1)"
            assert (await client.get("/healthz")).json() == {"status": "ok"}
            graphql = await client.post("/graphql", json={"query": "{ __typename }"})
            assert graphql.json()["data"] == {"__typename": "Query"}
            assert (await client.get("/no-such-page")).status_code == 404


async def test_without_a_build_the_api_still_serves(services: Services, tmp_path) -> None:
    services.settings = services.settings.model_copy(update={"frontend_dir": tmp_path / "missing"})
    application = create_app(services)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as client:
            assert (await client.get("/")).status_code == 404
            assert (await client.get("/healthz")).status_code == 200
