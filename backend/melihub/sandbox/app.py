"""The sandbox ASGI application (Starlette)::

app = create_app(scenario=Path("..."), generate=None, seed=1, callback_url="http://.../webhooks/meli")
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from melihub.sandbox import admin, admin_messages, api_catalog, api_comms, api_sales, api_visits
from melihub.sandbox.core import SandboxConfig, ml_error
from melihub.sandbox.service import Sandbox, plain, sandbox_of
from melihub.sandbox.world import World, load_scenario


async def _authorize(request: Request) -> Response:
    return await sandbox_of(request).oauth.authorize(request)


async def _token(request: Request) -> Response:
    return await sandbox_of(request).oauth.token(request)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        return ml_error(405, f"Method {request.method} not allowed for {request.url.path}", "method_not_allowed")
    return ml_error(status, f"resource {request.url.path} not found", "not_found")


def build_world(scenario: Path | None = None, generate: int | None = None, seed: int = 1) -> World:
    if generate:
        from melihub.sandbox.generate import generate_world

        return generate_world(generate, seed=seed)
    return load_scenario(scenario)


def create_app(
    scenario: Path | None = None,
    *,
    generate: int | None = None,
    seed: int = 1,
    world: World | None = None,
    rebase_clock: bool = False,
    **config: Any,
) -> Starlette:
    """The sandbox app; ``config`` are :class:`SandboxConfig` fields (``callback_url``, ``time_scale``...).

    ``rebase_clock`` shifts the world's dates so its newest order or question is the real now (its
    clock, a little earlier): the fixed reference world would otherwise look a year old (and fall out
    of ``/orders/search``'s 12-month window), and nothing in it is created in the future.
    """
    settings = SandboxConfig()
    settings.update(config)
    world = world or build_world(scenario, generate, seed)
    if rebase_clock:
        # A second to spare: rebase rounds to whole seconds, which must not land a stamp just past now.
        world.rebase(datetime.now(UTC) - world.lead_over_clock() - timedelta(seconds=1))
    sandbox = Sandbox(world, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await sandbox.notifier.start()
        try:
            yield
        finally:
            await sandbox.notifier.stop()

    routes = [
        plain("GET", "/authorization", _authorize),
        plain("POST", "/oauth/token", _token),
        *api_visits.ROUTES,
        *api_catalog.ROUTES,
        *api_sales.ROUTES,
        *api_comms.ROUTES,
        *admin_messages.ROUTES,
        *admin.ROUTES,
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: _http_error, 405: _http_error})
    app.state.sandbox = sandbox
    return app
