"""GET /metrics: protected, bounded labels, and the series move with what the processes do."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from melihub.app import create_app
from melihub.events.pipeline import process_resource
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A, load_fixture
from melihub.testing.stores import free_port
from melihub.testing.ws import graphql_socket
from tests.conftest import api_token_for, link_seller

ORDER = "/orders/2000009876543201"
OUTSIDE = ("203.0.113.9", 40000)


def notification(resource: str = ORDER) -> dict:
    return {**load_fixture("notifications/orders_v2.json"), "_id": str(uuid.uuid4()), "resource": resource}


def value(exposition: str, name: str, **labels: str) -> float:
    """The sample ``name`` with exactly these labels (0 when absent: a series not yet used)."""
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


async def scrape(http: httpx.AsyncClient, **headers: str) -> str:
    response = await http.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


@asynccontextmanager
async def _client(
    services: Services, client: tuple[str, int] = ("127.0.0.1", 50000)
) -> AsyncIterator[httpx.AsyncClient]:
    application = create_app(services)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application, client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as http:
            yield http


# ---- protection ----------------------------------------------------------------------------------


async def test_metrics_are_served_to_loopback_only_by_default(services: Services) -> None:
    async with _client(services) as inside:
        assert "melihub_queue_jobs" in await scrape(inside)
    async with _client(services, OUTSIDE) as outside:
        refused = await outside.get("/metrics")
        assert refused.status_code == 403
        assert "melihub_" not in refused.text
        # A token sent to a deployment that set none opens nothing.
        assert (await outside.get("/metrics", headers={"Authorization": "Bearer guess"})).status_code == 403
    async with _client(services, ("::ffff:127.0.0.1", 50000)) as mapped:
        assert (await mapped.get("/metrics")).status_code == 200


async def test_a_token_opens_metrics_from_anywhere_and_a_wrong_one_nowhere(services: Services) -> None:
    services.settings = services.settings.model_copy(
        update={"metrics_token": SecretStr("s3cret-scrape-token"), "metrics_allow": ["10.0.0.0/8"]}
    )
    async with _client(services, OUTSIDE) as outside:
        missing = await outside.get("/metrics")
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
        assert (await outside.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 401
        assert (await outside.get("/metrics", headers={"Authorization": "s3cret-scrape-token"})).status_code == 401
        text = await scrape(outside, Authorization="Bearer s3cret-scrape-token")
        assert "s3cret" not in text
    async with _client(services, ("10.1.2.3", 40000)) as internal:
        assert (await internal.get("/metrics")).status_code == 200
        # A wrong token is refused even from an allowed address: the caller meant to authenticate.
        assert (await internal.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 401
    async with _client(services) as loopback:
        assert (await loopback.get("/metrics")).status_code == 401, "loopback is no longer in the allow list"


# ---- what moves ----------------------------------------------------------------------------------


async def test_webhook_outcomes_and_route_templates_are_counted(services: Services, meli_account_a) -> None:
    async with _client(services) as http:
        before = await scrape(http)
        first = notification()
        assert (await http.post("/webhooks/meli", json=first)).status_code == 200
        assert (await http.post("/webhooks/meli", json=first)).status_code == 200  # a redelivery
        assert (await http.post("/webhooks/meli", content=b"{not json")).status_code == 400
        assert (await http.get("/downloads/a-secret-signed-token-qzxv")).status_code in {400, 403, 404, 410}
        assert services.resource_queue is not None
        await services.resource_queue.drain()
        after = await scrape(http)
    webhooks = "melihub_webhook_notifications_total"
    for outcome in ("received", "duplicate", "rejected_invalid_notification"):
        assert value(after, webhooks, outcome=outcome) - value(before, webhooks, outcome=outcome) == 1, outcome
    requests = "melihub_http_requests_total"
    ok = {"method": "POST", "route": "/webhooks/meli", "status": "200"}
    assert value(after, requests, **ok) - value(before, requests, **ok) == 2
    latency = {"method": "POST", "route": "/webhooks/meli"}
    count = "melihub_http_request_duration_seconds_count"
    assert value(after, count, **latency) - value(before, count, **latency) == 3
    assert 'route="/downloads/{token}"' in after and "qzxv" not in after, "a route template, never the raw path"
    # Scrape-time gauges: the job the webhook enqueued waits in the queue, its event in the inbox.
    assert value(after, "melihub_queue_jobs", state="ready") >= 1
    assert value(after, "melihub_queue_oldest_job_age_seconds") >= 0
    assert value(after, "melihub_inbox_events", channel="ML", state="pending") >= 1
    assert value(after, "melihub_scrape_errors", source="queue") == 0
    assert value(after, "melihub_scrape_errors", source="inbox") == 0
    assert str(meli_account_a.id) not in after and str(meli_account_a.tenant_id) not in after


async def test_graphql_operations_are_counted_by_a_bounded_name(services: Services) -> None:
    async with _client(services) as http:
        before = await scrape(http)
        probe = {"query": "query MetricsProbe { __typename }", "operationName": "MetricsProbe"}
        assert (await http.post("/graphql", json=probe)).status_code == 200
        assert (await http.post("/graphql", json={"query": "{ __typename }"})).status_code == 200
        broken = {"query": "query Broken { noSuchField }", "operationName": "Broken"}
        await http.post("/graphql", json=broken)
        strange = {"query": "{ __typename }", "operationName": "x" * 300}
        await http.post("/graphql", json=strange)
        after = await scrape(http)
    ops = "melihub_graphql_operations_total"

    def moved(**labels: str) -> float:
        return value(after, ops, **labels) - value(before, ops, **labels)

    assert moved(operation="MetricsProbe", outcome="ok") == 1
    assert moved(operation="anonymous", outcome="ok") == 1
    assert moved(operation="Broken", outcome="error") == 1
    assert "x" * 65 not in after, "operation names are trimmed"
    count = "melihub_graphql_operation_duration_seconds_count"
    assert value(after, count, operation="MetricsProbe") - value(before, count, operation="MetricsProbe") == 1


async def test_a_pipeline_run_moves_pipeline_and_mercado_livre_series(
    meli_client_http: httpx.AsyncClient, meli_services: Services, sandbox, tenant_a
) -> None:
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    before = await scrape(meli_client_http)
    assert (await meli_client_http.post("/webhooks/meli", json=notification())).status_code == 200
    outcome = await process_resource(meli_services, tenant_a[0].id, "orders_v2", ORDER)
    missing = "/orders/2000000000000999"
    assert (await meli_client_http.post("/webhooks/meli", json=notification(missing))).status_code == 200
    failed = await process_resource(meli_services, tenant_a[0].id, "orders_v2", missing)
    assert (outcome.status, failed.status) == ("processed", "failed")
    after = await scrape(meli_client_http)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("melihub_pipeline_runs_total", topic="orders_v2", status="processed") == 1
    assert moved("melihub_pipeline_runs_total", topic="orders_v2", status="failed") == 1
    assert moved("melihub_pipeline_duration_seconds_count", topic="orders_v2") == 2
    assert moved("melihub_meli_requests_total", family="orders", method="GET", status="200") >= 1
    assert moved("melihub_meli_requests_total", family="orders", method="GET", status="404") == 1
    assert moved("melihub_meli_rate_wait_seconds_count", family="orders") >= 2
    assert value(after, "melihub_meli_breakers", family="orders", state="open") == 0
    assert value(after, "melihub_scrape_errors", source="breakers") == 0


async def test_open_subscriptions_are_a_gauge(live_server: str, services: Services, tenant_a) -> None:
    token = await api_token_for(services, tenant_a[0])
    gauge = "melihub_graphql_subscriptions_open"
    async with httpx.AsyncClient(base_url=live_server) as http:
        before = value(await scrape(http), gauge, transport="websocket")
        async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
            await socket.subscribe("subscription { integrationEventChanged { status } }")
            await _until(lambda: _gauge(http, gauge), before + 1)
        await _until(lambda: _gauge(http, gauge), before)


async def _gauge(http: httpx.AsyncClient, name: str) -> float:
    return value(await scrape(http), name, transport="websocket")


async def _until(read, expected: float, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    seen = await read()
    while seen != expected and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        seen = await read()
    assert seen == expected


# ---- several processes -----------------------------------------------------------------------------


@pytest.fixture
def two_apis(database_factory, db_name: str, clean_redis: str, tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    """Two ``melihub serve`` processes sharing one metrics folder, as on one machine."""
    folder = tmp_path / "metrics"
    env = {
        **os.environ,
        "DATABASE_URL": database_factory.admin_url_of(db_name),
        "REDIS_URL": clean_redis,
        "MELIHUB_METRICS_DIR": str(folder),
        "MELIHUB_LOG_LEVEL": "WARNING",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "melihub", "serve", "--port", str(port), "--no-migrate"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"api-{port}.log", "wb"),  # noqa: SIM115 - the process owns it
        )
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url, process in zip(urls, processes, strict=True):
            _wait_ready(url, process, tmp_path)
        yield urls, folder
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(url: str, process: subprocess.Popen[bytes], logs: Path) -> None:
    deadline = time.monotonic() + 120  # a start-up is ~2 s; far more on a machine busy with other tests
    while time.monotonic() < deadline:
        assert process.poll() is None, "\n".join(p.read_text()[-2000:] for p in logs.glob("api-*.log"))
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def test_one_scrape_sums_every_process_sharing_the_folder(two_apis: tuple[list[str], Path]) -> None:
    (first, second), folder = two_apis
    for url, times in ((first, 3), (second, 5)):
        for _ in range(times):
            assert httpx.post(f"{url}/webhooks/meli", content=b"{not json").status_code == 400
    from melihub.metrics_dir import writers

    assert len(writers(folder)) == 2, "each process writes files of its own"
    for url in (first, second):
        text = httpx.get(f"{url}/metrics").text
        rejected = value(text, "melihub_webhook_notifications_total", outcome="rejected_invalid_notification")
        assert rejected == 8, "either API's scrape reports both processes"
        assert value(text, "melihub_http_requests_total", method="POST", route="/webhooks/meli", status="400") == 8
