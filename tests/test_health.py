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


async def test_health_reports_the_llm_without_counting_it(client: httpx.AsyncClient, services) -> None:
    """Off when none is configured; ok with its model when it answers; down when it does not, and the
    report's status stays what PostgreSQL, Redis, the schema and the workers make it."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Models(BaseHTTPRequestHandler):  # an OpenAI-compatible server's model list, nothing more
        def do_GET(self) -> None:
            body = json.dumps({"object": "list", "data": [{"id": "smollm2", "object": "model"}]}).encode()
            self.send_response(200 if self.path.endswith("/models") else 404)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    await heartbeat({"services": services})
    body = (await client.get("/api/v1/health")).json()
    assert body["components"]["llm"]["status"] == "off" and body["status"] == "ok"
    assert "llm" not in (await client.get("/readyz")).json()["components"]

    server = ThreadingHTTPServer(("127.0.0.1", 0), Models)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    original = services.settings
    try:
        url = f"http://127.0.0.1:{server.server_port}/v1"
        services.settings = original.model_copy(update={"openai_base_url": url, "openai_model": "smollm2"})
        body = (await client.get("/api/v1/health")).json()
        assert body["components"]["llm"] | {"latency_ms": 0} == {"status": "ok", "model": "smollm2", "latency_ms": 0}
        server.shutdown()
        server.server_close()
        body = (await client.get("/api/v1/health")).json()
        assert body["components"]["llm"]["status"] == "down" and body["status"] == "ok"
    finally:
        services.settings = original
