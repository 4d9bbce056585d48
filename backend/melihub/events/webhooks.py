"""POST /webhooks/meli: validate, make durable, answer 200 in milliseconds; processing comes later."""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import uuid
from collections.abc import Mapping

import asyncpg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from melihub.events import metrics
from melihub.events.inbox import Receipt, ingest
from melihub.events.jobs import resource_job_id
from melihub.events.notifications import Notification, NotificationError, parse_notification
from melihub.events.queue import AfterIngest, ResourceQueue
from melihub.metrics import WEBHOOK_NOTIFICATIONS, series
from melihub.observability import get_logger
from melihub.realtime.bus import Change
from melihub.runtime import Services
from melihub.tracing import current_traceparent

log = get_logger("melihub.webhooks")


class BodyTooLarge(Exception):
    pass


@functools.lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def _allowed(request: Request, cidrs: list[str]) -> bool:
    if not cidrs:
        return True
    try:
        address = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    return any(address in network for network in _networks(tuple(cidrs)))


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def json_error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)


def _refused(status: int, code: str, message: str) -> JSONResponse:
    """A notification not accepted, counted by why (the codes of this module: a closed set)."""
    series(WEBHOOK_NOTIFICATIONS, f"rejected_{code}").inc()
    return json_error(status, code, message)


def _queue(services: Services) -> ResourceQueue:
    assert services.resource_queue is not None, "the API lifespan creates the queue"
    return services.resource_queue


async def _accept(request: Request) -> tuple[Notification, Receipt] | Response:
    services: Services = request.app.state.services
    settings = services.settings
    if not _allowed(request, settings.webhook_ip_allowlist):
        return _refused(403, "forbidden", "source address not allowed")
    try:
        body = await _read_limited(request, settings.webhook_max_body_bytes)
        notification = parse_notification(body)
    except BodyTooLarge:
        await metrics.count(services.redis, "rejected_413")
        limit = settings.webhook_max_body_bytes
        return _refused(413, "payload_too_large", f"notifications are at most {limit} bytes")
    except NotificationError as exc:
        await metrics.count(services.redis, "rejected_400")
        return _refused(400, "invalid_notification", str(exc))
    try:
        assert services.pg is not None
        receipt = await ingest(services.pg, notification)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
        log.error("webhook.store_failed", error=type(exc).__name__)
        # 503 makes Mercado Livre deliver it again; we have not accepted it.
        response = _refused(503, "unavailable", "storage unavailable, retry later")
        response.headers["Retry-After"] = "5"
        return response
    return notification, receipt


def _outcome(receipt: Receipt) -> str:
    if receipt.status == "unrouted":
        return "unrouted"
    if not receipt.inserted:
        return "duplicate"
    return "ignored" if receipt.status == "ignored" else "received"


def _after_ingest(services: Services, notification: Notification, receipt: Receipt) -> None:
    """Hand enqueue + publish + count to the batching queue; returns at once."""
    tenant = receipt.tenant_id
    pending = tenant is not None and receipt.status in {"received", "retrying"}
    outcome = _outcome(receipt)
    series(WEBHOOK_NOTIFICATIONS, outcome).inc()
    _queue(services).submit(
        AfterIngest(
            job_id=resource_job_id(tenant, notification.topic, notification.resource) if pending and tenant else None,
            args=(str(tenant), notification.topic, notification.resource) if pending else None,
            change=Change(str(tenant), "integration_event", str(receipt.event_id))
            if tenant is not None and receipt.inserted
            else None,
            counter=outcome,
            traceparent=current_traceparent() if pending else None,
        )
    )


async def meli_webhook(request: Request) -> Response:
    accepted = await _accept(request)
    if isinstance(accepted, Response):
        return accepted
    notification, receipt = accepted
    services: Services = request.app.state.services
    _after_ingest(services, notification, receipt)
    return _receipt_response(receipt, 200)


def _receipt_response(receipt: Receipt, status: int, words: Mapping[str, str] | None = None) -> Response:
    # Hand-built JSON (two known-safe fields): the webhook path is hot enough for this to show.
    outcome = _outcome(receipt)
    said = words.get(outcome, outcome) if words else outcome
    body = f'{{"status":"{said}","event_id":"{receipt.event_id}"}}'.encode()
    return Response(body, status_code=status, media_type="application/json")


def _signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    if not header:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.strip())


async def signed_meli_webhook(request: Request, words: Mapping[str, str] | None = None) -> Response:
    """The variant behind a signing proxy: HMAC over the body, topic and tenant in headers → 202; ``words``
    names the outcomes in another language (the pickup hub's route)."""
    services: Services = request.app.state.services
    secret = services.settings.webhook_hmac_secret
    if secret is None:
        return _refused(404, "not_found", "signed notifications are not enabled")
    try:
        body = await _read_limited(request, services.settings.webhook_max_body_bytes)
    except BodyTooLarge:
        return _refused(413, "payload_too_large", "notification too large")
    if not _signature_ok(secret.get_secret_value(), body, request.headers.get("x-ml-signature")):
        return _refused(401, "bad_signature", "X-ML-Signature does not match the body")
    try:
        notification = parse_notification(body)
        tenant_header = uuid.UUID(request.headers.get("x-tenant", ""))
    except NotificationError as exc:
        return _refused(400, "invalid_notification", str(exc))
    except ValueError:
        return _refused(400, "invalid_tenant", "X-Tenant must be the tenant id")
    if request.headers.get("x-event-type") != notification.topic:
        return _refused(400, "event_type_mismatch", "X-Event-Type must equal the body's topic")
    assert services.pg is not None
    owner = await services.pg.fetchval("SELECT tenant_id FROM melihub_route_meli_user($1)", notification.ml_user_id)
    if owner is not None and owner != tenant_header:
        return _refused(403, "tenant_mismatch", "the seller is not linked to X-Tenant")
    receipt = await ingest(services.pg, notification)
    _after_ingest(services, notification, receipt)
    return _receipt_response(receipt, 202, words)
