"""From notification to rows: fetch the latest state, apply once, move the timeline, publish."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import text

from melihub.events.pipeline import process_resource
from melihub.testing.fixtures import SELLER_A, load_fixture
from melihub.testing.graphql import gql
from tests.conftest import link_seller

ORDER = "/orders/2000009876543201"


def notification(resource: str, topic: str = "orders_v2", user_id: int = SELLER_A) -> dict:
    return {
        **load_fixture("notifications/orders_v2.json"),
        "_id": str(uuid.uuid4()),
        "resource": resource,
        "topic": topic,
        "user_id": user_id,
    }


async def rows(services, tenant_id, sql: str) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        return [tuple(r) for r in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


async def _linked(http: httpx.AsyncClient, sandbox, tenant) -> uuid.UUID:
    assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
    return tenant[0].id


async def test_order_is_imported_with_lines_payments_buyer_and_shipment(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = await _linked(meli_client_http, sandbox, tenant_a)
    assert (await meli_client_http.post("/webhooks/meli", json=notification(ORDER))).status_code == 200
    outcome = await process_resource(meli_services, tenant, "orders_v2", ORDER)
    assert outcome.status == "processed" and outcome.events == 1
    fixture = load_fixture("orders/2000009876543201.json")
    [(status, total, shipment)] = await rows(
        meli_services, tenant, "SELECT status, total_amount, shipment_ml_id FROM orders"
    )
    assert (status, float(total), shipment) == (fixture["status"], fixture["total_amount"], fixture["shipping"]["id"])
    assert await rows(meli_services, tenant, "SELECT count(*) FROM order_items") == [(len(fixture["order_items"]),)]
    assert await rows(meli_services, tenant, "SELECT ml_id FROM shipments") == [(fixture["shipping"]["id"],)]
    assert await rows(meli_services, tenant, "SELECT count(*) FROM customers") == [(1,)]
    assert await rows(meli_services, tenant, "SELECT status, attempts FROM integration_events WHERE source='meli'") == [
        ("processed", 1)
    ]


async def test_many_notifications_for_one_resource_are_one_fetch_and_no_duplicate(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = await _linked(meli_client_http, sandbox, tenant_a)
    for _ in range(5):
        await meli_client_http.post("/webhooks/meli", json=notification(ORDER))
    sandbox_before = sandbox.stats()["calls"].get("GET /orders/{id}", {}).get("200", 0)
    outcome = await process_resource(meli_services, tenant, "orders_v2", ORDER)
    assert outcome.events == 5
    assert sandbox.stats()["calls"]["GET /orders/{id}"]["200"] - sandbox_before == 1
    await meli_client_http.post("/webhooks/meli", json=notification(ORDER))
    again = await process_resource(meli_services, tenant, "orders_v2", ORDER)
    assert again.status == "processed" and not any(r.changed for r in again.results)
    assert await rows(meli_services, tenant, "SELECT count(*) FROM order_items") == [(1,)]
    keys = await rows(meli_services, tenant, "SELECT key FROM idempotency_keys WHERE key LIKE '%|ORDER|%'")
    assert len(keys) == 1


async def test_missing_resource_fails_without_retrying(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    tenant = await _linked(meli_client_http, sandbox, tenant_a)
    await meli_client_http.post("/webhooks/meli", json=notification("/orders/2000000000000999"))
    outcome = await process_resource(meli_services, tenant, "orders_v2", "/orders/2000000000000999")
    assert outcome.status == "failed" and "NotFound" in (outcome.error or "")
    [(status, error, next_at)] = await rows(
        meli_services, tenant, "SELECT status, last_error, next_attempt_at FROM integration_events WHERE source='meli'"
    )
    assert status == "failed" and "NotFound" in error and next_at is None


async def test_transient_failures_back_off_then_dead_letter(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    tenant = await _linked(meli_client_http, sandbox, tenant_a)
    meli_services.settings = meli_services.settings.model_copy(update={"event_retry_delays_s": [0.0, 0.0, 0.0]})
    sandbox.set_faults({"endpoints": {"orders": {"5xx": 1.0}}})
    await meli_client_http.post("/webhooks/meli", json=notification(ORDER))
    statuses = [(await process_resource(meli_services, tenant, "orders_v2", ORDER)).status for _ in range(4)]
    assert statuses == ["retrying", "retrying", "retrying", "failed"]
    [(status, attempts, error)] = await rows(
        meli_services, tenant, "SELECT status, attempts, last_error FROM integration_events WHERE source='meli'"
    )
    assert (status, attempts) == ("failed", 4) and "gave up after 4 attempts" in error


async def test_reprocess_event_runs_it_again_and_is_audited(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    tenant = await _linked(meli_client_http, sandbox, tenant_a)
    meli_services.settings = meli_services.settings.model_copy(update={"event_retry_delays_s": []})
    sandbox.set_faults({"endpoints": {"orders": {"5xx": 1.0}}})
    await meli_client_http.post("/webhooks/meli", json=notification(ORDER))
    assert (await process_resource(meli_services, tenant, "orders_v2", ORDER)).status == "failed"
    sandbox.set_faults({})
    events = await gql(
        meli_client_http, "{ integrationEvents(filter: {statuses: [FAILED]}) { edges { node { id } } } }"
    )
    [edge] = events["data"]["integrationEvents"]["edges"]
    body = await gql(
        meli_client_http,
        "mutation($id: ID!) { reprocessEvent(id: $id) { reprocessId event { status } errors { code } } }",
        {"id": edge["node"]["id"]},
    )
    assert body["data"]["reprocessEvent"]["event"]["status"] == "RECEIVED"
    assert (await process_resource(meli_services, tenant, "orders_v2", ORDER)).status == "processed"
    audit = await rows(meli_services, tenant, "SELECT action, target_id FROM audit_log WHERE action = 'reprocessEvent'")
    assert audit == [("reprocessEvent", edge["node"]["id"])]
