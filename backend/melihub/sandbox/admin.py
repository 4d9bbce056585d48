"""The sandbox's own control API under ``/_sandbox/`` (not part of ML; never recorded in stats)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from melihub.sandbox.service import sandbox_of
from melihub.sandbox.simulate import simulate
from melihub.sandbox.world import RESOURCE_KINDS


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return await request.json()
    except ValueError:
        return None


async def put_faults(request: Request) -> Response:
    body = await _body(request)
    if not isinstance(body, dict):
        return _error(400, "faults must be a JSON object")
    sandbox = sandbox_of(request)
    try:
        sandbox.faults.set(body)
    except (TypeError, ValueError) as exc:
        return _error(400, str(exc))
    return JSONResponse(sandbox.faults.describe())


async def get_faults(request: Request) -> Response:
    return JSONResponse(sandbox_of(request).faults.describe())


async def put_config(request: Request) -> Response:
    body = await _body(request)
    if not isinstance(body, dict):
        return _error(400, "config must be a JSON object")
    sandbox = sandbox_of(request)
    try:
        sandbox.configure(body)
    except (TypeError, ValueError) as exc:
        return _error(400, str(exc))
    return JSONResponse(sandbox.config.public())


async def get_config(request: Request) -> Response:
    return JSONResponse(sandbox_of(request).config.public())


def _user_id(body: Any, *, required: bool) -> int | None:
    value = body.get("user_id") if isinstance(body, dict) else None
    if value is None:
        if required:
            raise ValueError("user_id is required")
        return None
    return int(value)


async def expire_tokens(request: Request) -> Response:
    try:
        user_id = _user_id(await _body(request), required=False)
    except (TypeError, ValueError) as exc:
        return _error(400, str(exc))
    return JSONResponse({"expired": sandbox_of(request).oauth.expire(user_id)})


async def revoke(request: Request) -> Response:
    try:
        user_id = _user_id(await _body(request), required=True)
    except (TypeError, ValueError) as exc:
        return _error(400, str(exc))
    assert user_id is not None
    return JSONResponse({"revoked": sandbox_of(request).oauth.revoke(user_id)})


async def notify(request: Request) -> Response:
    body = await _body(request)
    if not isinstance(body, dict) or not {"user_id", "topic", "resource"} <= set(body):
        return _error(400, "user_id, topic and resource are required")
    note = sandbox_of(request).notifier.notify(int(body["user_id"]), str(body["topic"]), str(body["resource"]))
    return JSONResponse({"queued": note is not None, "notification": note})


async def run_simulation(request: Request) -> Response:
    body = await _body(request)
    if not isinstance(body, dict):
        return _error(400, "body must be a JSON object")
    summary = simulate(sandbox_of(request), int(body.get("events", 100)), int(body.get("seed", 1)))
    return JSONResponse(summary)


async def stats(request: Request) -> Response:
    return JSONResponse(sandbox_of(request).stats.snapshot())


async def reset_stats(request: Request) -> Response:
    """Zero the counters and the call log, so a test or bench measures only the phase that follows."""
    sandbox = sandbox_of(request)
    sandbox.stats.reset()
    return JSONResponse(sandbox.stats.snapshot())


async def expire_scrolls(request: Request) -> Response:
    return JSONResponse({"expired": sandbox_of(request).scrolls.expire_all()})


async def calls(request: Request) -> Response:
    since = request.query_params.get("since")
    try:
        moment = float(since) if since else None
    except ValueError:
        return _error(400, "since must be a unix time")
    return JSONResponse(sandbox_of(request).stats.since(moment))


async def export(request: Request) -> Response:
    return JSONResponse(sandbox_of(request).world.export())


async def put_resource(request: Request) -> Response:
    kind, key = request.path_params["kind"], request.path_params["id"]
    if kind not in RESOURCE_KINDS:
        return _error(404, f"unknown kind {kind!r}; known: {', '.join(RESOURCE_KINDS)}")
    body = await _body(request)
    if not isinstance(body, dict | list):
        return _error(400, "body must be the raw ML JSON of the resource")
    sandbox = sandbox_of(request)
    flag = request.query_params.get("notify", "").lower() in ("1", "true", "yes")
    sandbox.store(kind, key, body, notify=flag)  # type: ignore[arg-type]
    return JSONResponse(body)


async def get_resource(request: Request) -> Response:
    kind, key = request.path_params["kind"], request.path_params["id"]
    raw = sandbox_of(request).world.get(kind, key)
    return JSONResponse(raw) if raw is not None else _error(404, f"{kind}/{key} not found")


ROUTES: list[Route] = [
    Route("/_sandbox/faults", put_faults, methods=["PUT"]),
    Route("/_sandbox/faults", get_faults, methods=["GET"]),
    Route("/_sandbox/config", put_config, methods=["PUT"]),
    Route("/_sandbox/config", get_config, methods=["GET"]),
    Route("/_sandbox/expire_tokens", expire_tokens, methods=["POST"]),
    Route("/_sandbox/revoke", revoke, methods=["POST"]),
    Route("/_sandbox/notify", notify, methods=["POST"]),
    Route("/_sandbox/simulate", run_simulation, methods=["POST"]),
    Route("/_sandbox/stats", stats, methods=["GET"]),
    Route("/_sandbox/stats/reset", reset_stats, methods=["POST"]),
    Route("/_sandbox/expire_scrolls", expire_scrolls, methods=["POST"]),
    Route("/_sandbox/calls", calls, methods=["GET"]),
    Route("/_sandbox/export", export, methods=["GET"]),
    Route("/_sandbox/{kind}/{id}", put_resource, methods=["PUT"]),
    Route("/_sandbox/{kind}/{id}", get_resource, methods=["GET"]),
]
