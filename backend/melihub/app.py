"""The Starlette application: GraphQL, health, webhooks, OAuth callbacks."""

from __future__ import annotations

import gc
import time
from collections.abc import AsyncIterator
from contextlib import AbstractContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from melihub import health, metrics_dir, metrics_http, tracing
from melihub.accounts import sso_http
from melihub.config import Settings, get_settings, is_test_run
from melihub.connections import http as connections_http
from melihub.connections.runtime import install_meli
from melihub.events import integrations_http, timeline_notes
from melihub.events.queue import ResourceQueue
from melihub.events.webhooks import meli_webhook, signed_meli_webhook
from melihub.exports.downloads import serve_export
from melihub.fulfilment.downloads import serve_download
from melihub.graphql.view import MelihubGraphQL
from melihub.insights import http as insights_http
from melihub.observability import clear_request_id, configure_logging, get_logger, new_request_id
from melihub.realtime.hub import EventHub
from melihub.runtime import Services, freeze_startup_heap
from melihub.security.headers import DashboardFiles, secure_every_response
from melihub.stores import resolve_stores
from melihub.sync import service as sync_service

log = get_logger("melihub.http")


UNLOGGED_PATHS = frozenset({"/healthz", "/readyz"})
# Thousands a minute, each already on the integration timeline with its receipt time and outcome: only
# the unusual ones (an error status, or slow against Mercado Livre's 500 ms) earn an info access line.
TIMELINE_RECORDED_PATHS = frozenset({"/webhooks/meli", "/webhooks/meli/signed"})
SLOW_WEBHOOK_MS = 250.0
# Span names stay few (a backend groups by name): these paths name theirs, any other is its method alone.
TRACED_PATHS = TIMELINE_RECORDED_PATHS | {"/graphql"}


def _routine(path: str, status: int, duration_ms: float) -> bool:
    return path in TIMELINE_RECORDED_PATHS and 200 <= status < 300 and duration_ms < SLOW_WEBHOOK_MS


class RequestContextMiddleware:
    """A request id on every log line of a request, echoed in ``X-Request-ID``; one access line."""

    def __init__(self, app: ASGIApp, logger: Any = log) -> None:
        self.app = app
        self.log = logger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        incoming = next((v for k, v in scope.get("headers") or () if k == b"x-request-id"), None)
        request_id = new_request_id(incoming.decode("latin-1") if incoming else None)
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        with _traced(scope):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                if scope["type"] == "http" and scope["path"] not in UNLOGGED_PATHS:
                    duration_ms = round((time.perf_counter() - started) * 1000, 2)
                    write = self.log.debug if _routine(scope["path"], status, duration_ms) else self.log.info
                    write("request", method=scope["method"], path=scope["path"], status=status, duration_ms=duration_ms)
                if scope["type"] == "http":
                    metrics_http.record_request(scope, status, time.perf_counter() - started)
                clear_request_id()


def _traced(scope: Scope) -> AbstractContextManager[object]:
    """An HTTP request's server span, continuing the caller's W3C ``traceparent`` if it sent one; a WebSocket
    lives for hours and gets none (each change it carries belongs to the trace that made it)."""
    if scope["type"] != "http" or scope["path"] in UNLOGGED_PATHS:
        return nullcontext()
    traceparent = next((v for k, v in scope.get("headers") or () if k == b"traceparent"), None)
    path = scope["path"]
    return tracing.span(
        f"{scope['method']} {path if path in TRACED_PATHS else ''}".strip(),
        traceparent=traceparent.decode("latin-1") if traceparent else None,
        kind=tracing.SpanKind.SERVER,
        attributes={"http.request.method": scope["method"], "url.path": path},
    )


def create_app(services: Services | None = None, settings: Settings | None = None) -> Starlette:
    """Build the app; without ``services`` the lifespan connects to the configured (or embedded) stores."""
    settings = settings or (services.settings if services else get_settings())
    holder: dict[str, Services] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = services is None
        current = services or _services_from_settings(settings)
        await current.start()
        install_meli(current, timeline_notes.record)
        if current.account_linked is None:
            current.account_linked = sync_service.linked_hook(current)
        if current.hub is None:
            current.hub = await EventHub(current.redis_url).start()
        if current.resource_queue is None:
            current.resource_queue = ResourceQueue(current.redis)
        app.state.services = current
        holder["services"] = current
        freeze_startup_heap(collect_first=not is_test_run())
        try:
            yield
        finally:
            gc.unfreeze()  # a process hosting several apps in turn (the tests) must not keep their garbage
            if own:
                await current.close()

    graphql = _LazyGraphQL(holder)
    routes = [
        Route("/healthz", health.healthz),
        Route("/readyz", health.readyz),
        Route("/api/v1/health", health.health),
        Route("/metrics", metrics_http.metrics_endpoint, methods=["GET"]),  # token or internal address
        Route("/api/v1/ai/status", insights_http.ai_status_endpoint, methods=["GET"]),
        Route("/webhooks/meli", meli_webhook, methods=["POST"]),
        Route("/webhooks/meli/signed", signed_meli_webhook, methods=["POST"]),
        # The pickup hub's existing systems (docs/hub.md), thin over the same services.
        Route("/api/integracoes/ml/webhook", integrations_http.hub_webhook, methods=["POST"]),
        Route("/api/integracoes/eventos", integrations_http.list_integration_events, methods=["GET"]),
        Route(
            "/internal/integracoes/ml/reprocessar/{event_id}",
            integrations_http.reprocess_integration_event,
            methods=["POST"],
        ),
        Route("/api/notificacoes/pedido/{order}/pronto", integrations_http.resend_ready, methods=["POST"]),
        Route("/oauth/meli/start", connections_http.start, methods=["GET"]),
        Route("/oauth/meli/callback", connections_http.callback, methods=["GET"]),
        Route("/auth/oidc/start", sso_http.start, methods=["GET"]),  # SSO sign-in (docs/operations.md)
        Route("/auth/oidc/callback", sso_http.callback, methods=["GET"]),
        Route("/downloads/{token}", serve_download, methods=["GET"]),  # labels and pick lists (signed URLs)
        Route("/exports/{export_id}/download", serve_export, methods=["GET"]),  # export files (signed URLs)
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    dashboard = _dashboard_files(settings)
    if dashboard is not None:
        routes.append(Mount("/", dashboard, name="dashboard"))  # last: every API route above wins
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    secure_every_response(app, trust_proxy_headers=settings.trust_proxy_headers)  # CSP, HSTS, nosniff…
    return app


CHECKOUT_FRONTEND_BUILD = Path(__file__).resolve().parents[2] / "frontend" / "out"


def _dashboard_files(settings: Settings) -> StaticFiles | None:
    """The dashboard is a static export on the API's own origin: cookies and the socket need no CORS."""
    folder = settings.frontend_dir or CHECKOUT_FRONTEND_BUILD
    if not (folder / "index.html").is_file():
        log.info("dashboard.not_built", folder=str(folder), hint="make frontend")
        return None
    return DashboardFiles(directory=folder, html=True)  # each page's CSP allows its own inline scripts


class _LazyGraphQL:
    """The GraphQL view needs the services, which exist only once the lifespan has started."""

    def __init__(self, holder: dict[str, Services]) -> None:
        self.holder = holder
        self.view: MelihubGraphQL | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.view is None:
            self.view = MelihubGraphQL(self.holder["services"])
        await self.view(scope, receive, send)


def _services_from_settings(settings: Settings) -> Services:
    urls = resolve_stores(settings)
    return Services.create(settings, urls.app_database_url, urls.redis_url)


def create_app_from_env() -> Starlette:
    """uvicorn factory (``melihub.app:create_app_from_env``), used by ``melihub serve``."""
    settings = get_settings()
    configure_logging(settings.log_level, json=settings.log_json)
    tracing.configure_tracing(settings.otel_endpoint, service_name=settings.otel_service_name)
    metrics_dir.prune(starting=True)  # one of `serve --workers N`'s processes: its pid's old files are not its own
    return create_app(settings=settings)
