"""Liveness, readiness and the component report."""

from __future__ import annotations

import httpx

from melihub_workers.tasks.system import heartbeat


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["components"]["migrations"]["status"] == "ok"


async def test_health_reports_each_component_with_latency(client: httpx.AsyncClient, services) -> None:
    body = (await client.get("/api/v1/health")).json()
    assert set(body["components"]) >= {"postgres", "redis", "migrations", "workers"}
    assert all("latency_ms" in c for c in body["components"].values())
    assert body["status"] == "degraded"  # no worker yet
    await heartbeat({"services": services})
    body = (await client.get("/api/v1/health")).json()
    assert body["status"] == "ok" and body["components"]["workers"]["alive"] == 1


async def test_readyz_is_503_when_the_schema_is_behind(client: httpx.AsyncClient, database_factory, db_name) -> None:
    import asyncio

    from melihub.db import migrate

    await asyncio.to_thread(migrate.downgrade, database_factory.admin_url_of(db_name), "0001")
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["components"]["migrations"]["status"] == "down"


async def test_readyz_is_503_when_redis_is_down(client: httpx.AsyncClient, services) -> None:
    from redis.asyncio import Redis

    await services.redis.aclose()
    services.redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["components"]["redis"]["status"] == "down"


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    generated = await client.get("/healthz", headers={"x-request-id": "bad id with spaces"})
    assert len(generated.headers["x-request-id"]) == 32
