"""One trace from the webhook through the queue and the worker's Mercado Livre calls to the write and the
published change; its trace id stored on the integration event and shown on the timeline."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from arq.jobs import deserialize_job
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from melihub import tracing
from melihub.events.jobs import resource_job_id
from melihub.events.pipeline import process_resource
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql
from tests.conftest import link_seller
from tests.events.test_pipeline import ORDER, notification, rows

EVENTS = "SELECT status, trace_id FROM integration_events WHERE source = 'meli'"
INCOMING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
TIMELINE = '{ integrationEvents(filter: {topics: ["orders_v2"]}) { edges { node { traceId status } } } }'


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    assert tracing.configure_tracing(None, exporter=exporter)
    yield exporter
    tracing.disable_tracing()


async def _processed(services: Services, tenant: uuid.UUID, timeout_s: float = 20.0) -> list[tuple]:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while asyncio.get_running_loop().time() < deadline:
        found = await rows(services, tenant, EVENTS)
        if found and all(status == "processed" for status, _ in found):
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"not processed in {timeout_s} s: {found}")


async def test_a_webhook_is_one_trace_through_the_queue_the_worker_the_write_and_the_publish(
    spans: InMemorySpanExporter, meli_client_http: httpx.AsyncClient, meli_services: Services, sandbox, tenant_a, worker
) -> None:
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    tenant = tenant_a[0].id
    pubsub = meli_services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(str(tenant)))
    answer = await meli_client_http.post("/webhooks/meli", json=notification(ORDER), headers={"traceparent": INCOMING})
    assert answer.status_code == 200
    trace_id = INCOMING.split("-")[1]  # the caller's trace continues
    [(_status, stored)] = await _processed(meli_services, tenant)
    assert stored == trace_id

    traced = [s for s in spans.get_finished_spans() if f"{s.context.trace_id:032x}" == trace_id]
    by_name = {s.name: s for s in traced}
    server = by_name["POST /webhooks/meli"]
    assert server.kind == SpanKind.SERVER and f"{server.parent.span_id:016x}" == INCOMING.split("-")[2]
    run = by_name["pipeline.process_resource"]
    assert run.kind == SpanKind.CONSUMER and run.parent.span_id == server.context.span_id  # the job carried it
    calls = [s for s in traced if s.name.startswith("meli GET")]
    assert calls and all(s.parent.span_id == run.context.span_id for s in calls)
    assert {s.attributes["http.response.status_code"] for s in calls} == {200}
    assert by_name["db.apply"].parent.span_id == run.context.span_id
    publishes = [s for s in traced if s.name == "realtime.publish"]
    assert {s.attributes["melihub.type"] for s in publishes} >= {"integration_event", "order"}

    changes = []
    for _ in range(50):  # None also stands for the subscription's own confirmation: read on a while
        if (message := await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.05)) is not None:
            changes.append(json.loads(message["data"])["type"])
    await pubsub.aclose()
    assert "order" in changes

    timeline = await gql(meli_client_http, TIMELINE)
    assert [e["node"]["traceId"] for e in timeline["data"]["integrationEvents"]["edges"]] == [trace_id]


async def test_without_tracing_no_exporter_exists_and_the_trace_id_still_correlates(
    meli_client_http: httpx.AsyncClient,
    meli_services: Services,
    sandbox,
    tenant_a,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not tracing.tracing_enabled() and tracing._provider is None
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    tenant = tenant_a[0].id
    assert (await meli_client_http.post("/webhooks/meli", json=notification(ORDER))).status_code == 200
    assert meli_services.resource_queue is not None
    await meli_services.resource_queue.drain()
    [(_status, stored)] = await rows(
        meli_services, tenant, "SELECT status, trace_id FROM integration_events WHERE source='meli'"
    )
    assert stored is not None and len(stored) == 32 and int(stored, 16)  # minted: no traceparent came

    raw = await meli_services.redis.get(f"arq:job:{resource_job_id(tenant, 'orders_v2', ORDER)}")
    job = deserialize_job(raw)
    assert job.kwargs["traceparent"].split("-")[1] == stored  # the queue carries it to the worker
    capsys.readouterr()
    outcome = await process_resource(meli_services, tenant, *job.args[1:], **job.kwargs)
    assert outcome.status == "processed" and outcome.trace_id == stored
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    done = next(line for line in lines if line["event"] == "pipeline.done")
    assert done["trace_id"] == stored and done["tenant"] == str(tenant) and done["event_id"]
    calls = [line for line in lines if line["event"] == "meli.request"]
    assert calls and {line["trace_id"] for line in calls} == {stored}
    assert {line.get("tenant") for line in calls} == {str(tenant)}


def test_a_malformed_traceparent_starts_a_trace_of_our_own() -> None:
    with tracing.span("x", traceparent="00-00000000000000000000000000000000-00f067aa0ba902b7-01"):
        minted = tracing.current_trace_id()
    with tracing.span("x", traceparent="garbage"):
        other = tracing.current_trace_id()
    assert minted and other and minted != other and minted != "0" * 32
    assert tracing.current_trace_id() is None


def test_the_otlp_setting_exports_spans_to_the_collector_over_http() -> None:
    """``MELIHUB_OTEL_ENDPOINT`` / ``OTEL_EXPORTER_OTLP_ENDPOINT``: spans go to ``{endpoint}/v1/traces``
    as OTLP protobuf (a tiny local collector stands in)."""
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    received: list[tuple[str, bytes]] = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append((self.path, self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(200)
            self.send_header("content-type", "application/x-protobuf")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert tracing.configure_tracing(f"http://127.0.0.1:{server.server_port}", service_name="melihub-test")
        with tracing.span("export.me"):
            trace_id = tracing.current_trace_id()
        tracing.disable_tracing()  # flushes the batch
    finally:
        server.shutdown()
    [(path, body)] = received
    request = ExportTraceServiceRequest.FromString(body)
    [resource_spans] = request.resource_spans
    [exported] = [s for scope in resource_spans.scope_spans for s in scope.spans]
    assert path == "/v1/traces" and exported.name == "export.me" and exported.trace_id.hex() == trace_id
    service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}["service.name"]
    assert service == "melihub-test" and not tracing.tracing_enabled()
