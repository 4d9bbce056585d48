"""Liveness, readiness and a component-by-component health report."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from melihub.db.migrate import head_revision
from melihub.insights.llm import llm_config, probe
from melihub.runtime import Services

WORKER_HEARTBEAT_KEY = "melihub:workers:heartbeat"
WORKER_STALE_S = 120.0
_HEAD = head_revision()


async def _timed(check: Callable[[], Awaitable[Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        detail = await check()
        result: dict[str, Any] = {"status": "ok"}
        if isinstance(detail, dict):
            result.update(detail)
    except Exception as exc:  # noqa: BLE001 - any failure is the status of the component, never a 500
        result = {"status": "down", "error": type(exc).__name__}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


async def _migrations(services: Services) -> dict[str, Any]:
    async with services.db.engine.connect() as conn:
        current = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    if current != _HEAD:
        raise RuntimeError(f"schema at {current}, code expects {_HEAD}")
    return {"revision": current}


async def _workers(services: Services) -> dict[str, Any]:
    beats = await services.redis.hgetall(WORKER_HEARTBEAT_KEY)
    now = time.time()
    alive = {k.decode(): round(now - float(v), 1) for k, v in beats.items() if now - float(v) < WORKER_STALE_S}
    return {"alive": len(alive), "seconds_since_heartbeat": alive}


async def _llm(services: Services) -> dict[str, Any]:
    """The listing reviews' LLM (the same probe as /api/v1/ai/status): ``off`` when none is configured."""
    probed = await probe(llm_config(services.settings))
    if not probed.configured:
        return {"status": "off"}
    if not probed.reachable:
        raise LlmUnreachable(probed.error or "the LLM did not answer")
    return {"model": probed.model}


class LlmUnreachable(RuntimeError):
    pass


async def component_report(services: Services, *, llm: bool = False) -> dict[str, dict[str, Any]]:
    report = {
        "postgres": await _timed(services.db.ping),
        "redis": await _timed(services.redis.ping),
        "migrations": await _timed(lambda: _migrations(services)),
        "workers": await _timed(lambda: _workers(services)),
    }
    if llm:
        report["llm"] = await _timed(lambda: _llm(services))
    return report


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    services: Services = request.app.state.services
    report = await component_report(services)
    ready = all(report[name]["status"] == "ok" for name in ("postgres", "redis", "migrations"))
    body = {
        "status": "ready" if ready else "not_ready",
        "components": {k: v for k, v in report.items() if k != "workers"},
    }
    return JSONResponse(body, status_code=200 if ready else 503)


async def health(request: Request) -> JSONResponse:
    services: Services = request.app.state.services
    # The LLM is reported, not counted: everything but the listing reviews works without it.
    report = await component_report(services, llm=True)
    core_ok = all(report[name]["status"] == "ok" for name in ("postgres", "redis", "migrations"))
    workers_ok = report["workers"].get("alive", 0) > 0
    status = "ok" if core_ok and workers_ok else ("degraded" if core_ok else "down")
    return JSONResponse({"status": status, "components": report}, status_code=200 if core_ok else 503)
