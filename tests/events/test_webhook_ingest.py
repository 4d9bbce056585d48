"""POST /webhooks/meli: durable before 200, deduplicated, routed to the seller's tenant."""

from __future__ import annotations

import copy
import json

import httpx
from sqlalchemy import text

from melihub.events.jobs import resource_job_id
from melihub.events.metrics import read as read_metrics
from melihub.runtime import QUEUE_NAME
from melihub.testing.fixtures import load_fixture

ORDER_NOTIFICATION = load_fixture("notifications/orders_v2.json")


async def _events(services, tenant_id) -> list[dict]:
    async with services.db.tenant(tenant_id) as session:
        rows = (
            (
                await session.exec(
                    text(  # type: ignore[call-overload]
                        "SELECT notification_id, topic, resource, status, deliveries, ml_user_id, payload "
                        "FROM integration_events WHERE source = 'meli'"
                    )
                )
            )
            .mappings()
            .all()
        )
    return [dict(row) for row in rows]


async def test_notification_is_stored_then_enqueued(client: httpx.AsyncClient, services, meli_account_a) -> None:
    response = await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)
    assert response.status_code == 200
    assert response.json()["status"] == "received"
    await services.resource_queue.drain()
    [event] = await _events(services, meli_account_a.tenant_id)
    assert event["notification_id"] == ORDER_NOTIFICATION["_id"]
    assert (event["topic"], event["resource"], event["status"]) == (
        "orders_v2",
        "/orders/2000009876543201",
        "received",
    )
    assert event["payload"] == ORDER_NOTIFICATION and event["ml_user_id"] == 2401234567
    job_id = resource_job_id(meli_account_a.tenant_id, "orders_v2", "/orders/2000009876543201")
    assert await services.redis.zscore(QUEUE_NAME, job_id) is not None


async def test_redelivery_is_one_event_with_a_delivery_count(client, services, meli_account_a) -> None:
    retry = load_fixture("notifications/orders_v2_retry.json")
    first = await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)
    second = await client.post("/webhooks/meli", json=retry)
    assert (first.json()["status"], second.json()["status"]) == ("received", "duplicate")
    [event] = await _events(services, meli_account_a.tenant_id)
    assert event["deliveries"] == 2


async def test_unknown_seller_is_stored_unrouted(client, services, meli_account_a) -> None:
    stranger = {**ORDER_NOTIFICATION, "_id": "stranger-1", "user_id": 999000111}
    response = await client.post("/webhooks/meli", json=stranger)
    assert response.status_code == 200 and response.json()["status"] == "unrouted"
    assert services.pg is not None
    stored = await services.pg.fetchval(
        "SELECT count(*) FROM unrouted_notifications WHERE notification_id = 'stranger-1'"
    )
    assert stored == 1
    assert await _events(services, meli_account_a.tenant_id) == []


async def test_unknown_topic_is_stored_and_ignored(client, services, meli_account_a) -> None:
    odd = {**ORDER_NOTIFICATION, "_id": "odd-1", "topic": "public_offers", "resource": "/offers/1"}
    response = await client.post("/webhooks/meli", json=odd)
    assert response.json()["status"] == "ignored"
    [event] = await _events(services, meli_account_a.tenant_id)
    assert event["status"] == "ignored"
    assert await services.redis.zcard(QUEUE_NAME) == 0


async def test_each_tenant_gets_only_its_sellers_notifications(
    client, services, meli_account_a, meli_account_b
) -> None:
    for body in (ORDER_NOTIFICATION, load_fixture("notifications/items.json")):
        assert (await client.post("/webhooks/meli", json=body)).status_code == 200
    seller_b = {
        **ORDER_NOTIFICATION,
        "_id": "b-1",
        "user_id": 1187654321,
        "resource": "/orders/2000011223344551",
    }
    assert (await client.post("/webhooks/meli", json=seller_b)).status_code == 200
    assert len(await _events(services, meli_account_a.tenant_id)) == 2
    assert [e["notification_id"] for e in await _events(services, meli_account_b.tenant_id)] == ["b-1"]


async def test_malformed_bodies_are_400_and_counted(client, services, meli_account_a) -> None:
    cases = [
        b"",
        b"{",
        b"[]",
        b"null",
        json.dumps({"_id": "x"}).encode(),
        json.dumps({**ORDER_NOTIFICATION, "user_id": "abc"}).encode(),
        json.dumps({**ORDER_NOTIFICATION, "user_id": -5}).encode(),
        json.dumps({**ORDER_NOTIFICATION, "topic": ""}).encode(),
        json.dumps({**ORDER_NOTIFICATION, "resource": 42}).encode(),
        json.dumps({**ORDER_NOTIFICATION, "user_id": True}).encode(),
    ]
    for body in cases:
        response = await client.post("/webhooks/meli", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, body
        assert response.json()["error"] == "invalid_notification" and response.json()["message"]
    assert (await read_metrics(services.redis))["rejected_400"] == len(cases)
    assert await _events(services, meli_account_a.tenant_id) == []


async def test_bodies_over_64kb_are_413(client, services, meli_account_a) -> None:
    big = copy.deepcopy(ORDER_NOTIFICATION)
    big["padding"] = "x" * (64 * 1024)
    response = await client.post("/webhooks/meli", json=big)
    assert response.status_code == 413


async def test_redis_down_still_stores_and_answers_200(client, services, meli_account_a) -> None:
    from melihub.events.queue import ResourceQueue
    from melihub.runtime import redis_client

    healthy, healthy_queue = services.redis, services.resource_queue
    services.redis = redis_client("redis://127.0.0.1:1/0")
    services.resource_queue = ResourceQueue(services.redis)
    try:
        response = await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)
        await services.resource_queue.drain()
    finally:
        await services.resource_queue.aclose()
        await services.redis.aclose()
        services.redis, services.resource_queue = healthy, healthy_queue
    assert response.status_code == 200
    assert len(await _events(services, meli_account_a.tenant_id)) == 1
    assert await services.redis.zcard(QUEUE_NAME) == 0


async def test_postgres_down_is_503_so_mercado_livre_retries(
    client, services, database_factory, db_name, meli_account_a
) -> None:
    await services.pg.close()
    import asyncpg

    services.pg = await asyncpg.create_pool(services.db.url, min_size=0, max_size=1)
    await database_factory.drop(db_name)
    response = await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"


async def test_ip_allowlist(client, services, meli_account_a) -> None:
    services.settings = services.settings.model_copy(update={"webhook_ip_allowlist": ["10.0.0.0/8"]})
    response = await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)
    assert response.status_code == 403
    services.settings = services.settings.model_copy(update={"webhook_ip_allowlist": ["127.0.0.0/8", "::1/128"]})
    assert (await client.post("/webhooks/meli", json=ORDER_NOTIFICATION)).status_code == 200
