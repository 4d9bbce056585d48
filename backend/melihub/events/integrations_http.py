"""REST for a pickup hub's existing systems, thin over the same services as GraphQL (docs/hub.md).

- ``POST /api/integracoes/ml/webhook``: the signed notification (``X-ML-Signature``, ``X-Event-Type``,
  ``X-Tenant``) → 202 once it is stored; a redelivery answers ``duplicado`` and is not processed again.
- ``GET /api/integracoes/eventos?canal=ML|HUB&status=&data=YYYY-MM-DD&limite=``: the integration timeline.
- ``POST /internal/integracoes/ml/reprocessar/{eventId}``: send an event through the pipeline again.
- ``POST /api/notificacoes/pedido/{pedidoId}/pronto``: send a PRONTO order's ready notification again.

All but the webhook take an API token (``Authorization: Bearer mh_…``) with the role's permissions, and
answer errors as ``{"error": code, "message": …}``. Changes are audited like their GraphQL mutations.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from melihub.accounts.principal import AuthError, Principal
from melihub.accounts.requests import request_principal
from melihub.audit import service as audit
from melihub.db.paging import PageRequest
from melihub.db.unit import unit_of_work
from melihub.errors import DomainError
from melihub.events import flows, service
from melihub.events.models import IntegrationEvent
from melihub.events.webhooks import json_error as _error
from melihub.events.webhooks import signed_meli_webhook
from melihub.globalids import global_id_text
from melihub.hub import flows as hub_flows
from melihub.hub import service as hub_service
from melihub.hub.models import HubOrder
from melihub.hub.timeline import HUB_SOURCE
from melihub.kpis.queries import tenant_time_zone
from melihub.runtime import Services

OUTCOMES_PT = {"received": "recebido", "duplicate": "duplicado", "ignored": "ignorado", "unrouted": "sem_vinculo"}
CHANNELS = {"ML": "meli", "HUB": HUB_SOURCE}
MAX_LIMIT = 200


async def hub_webhook(request: Request) -> Response:
    """The signed webhook under the hub's path; its outcome in Portuguese (``duplicado`` for a redelivery)."""
    return await signed_meli_webhook(request, OUTCOMES_PT)


def _auth_error(exc: AuthError) -> JSONResponse:
    return _error(401 if exc.code == "UNAUTHENTICATED" else 403, exc.code, str(exc))


async def _principal(request: Request) -> Principal:
    principal = await request_principal(request)
    if principal is None:
        raise AuthError("an API token is required (Authorization: Bearer <token>)")
    return principal


def _event_json(event: IntegrationEvent) -> dict[str, Any]:
    notes = ["duplicado"] if event.deliveries > 1 else []
    if event.reprocessed:
        notes.append("reprocessado")
    return {
        "id": str(event.id),
        "canal": "HUB" if event.source == HUB_SOURCE else "ML",
        "topico": event.topic,
        "recurso": event.resource,
        "status": event.status,
        "tentativas": event.attempts,
        "entregas": event.deliveries,
        "reprocessamentos": event.reprocessed,
        "anotacoes": notes,
        "erro": event.last_error,
        "recebido_em": event.received_at.isoformat(),
        "processado_em": event.processed_at.isoformat() if event.processed_at else None,
    }


def _day_span(value: str, zone: str) -> tuple[datetime, datetime]:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise DomainError(f"data must be YYYY-MM-DD, got {value!r}", field="data", code="INVALID") from None
    start = datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(zone))
    return start, start + timedelta(days=1)


async def list_integration_events(request: Request) -> Response:
    try:
        principal = await _principal(request)
        return await _events_page(request, principal)
    except AuthError as exc:
        return _auth_error(exc)
    except DomainError as exc:
        return _error(400, exc.code or "INVALID", str(exc))


async def _events_page(request: Request, principal: Principal) -> Response:
    services: Services = request.app.state.services
    given = request.query_params
    channel = (given.get("canal") or "ML").upper()
    if channel not in CHANNELS:
        raise DomainError(f"canal must be ML or HUB, got {channel!r}", field="canal", code="INVALID")
    limit = int(given["limite"]) if given.get("limite", "").isdigit() else 50
    statuses = [given["status"]] if given.get("status") else None
    filters = service.EventFilter(statuses=statuses, sources=[CHANNELS[channel]])
    async with services.db.tenant(principal.tenant_id) as session:
        if given.get("data"):
            start, end = _day_span(given["data"], await tenant_time_zone(session, principal.tenant_id))
            filters = replace(filters, received_from=start, received_to=end)
        request_page = PageRequest(first=min(max(limit, 1), MAX_LIMIT))
        page = await service.list_events(session, principal, filters, request_page)
    return JSONResponse({"eventos": [_event_json(event) for event in page.rows]})


async def reprocess_integration_event(request: Request) -> Response:
    services: Services = request.app.state.services
    try:
        principal = await _principal(request)
        event_id = uuid.UUID(request.path_params["event_id"])
    except AuthError as exc:
        return _auth_error(exc)
    except ValueError:
        return _error(404, "NOT_FOUND", "no such integration event")
    try:
        async with unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id) as work:
            event, reprocess_id, previous = await flows.reprocess_event(services, principal, event_id, unit=work)
            await audit.record(
                work.session,
                principal,
                "reprocessEvent",
                target_type="IntegrationEvent",
                target_id=global_id_text("IntegrationEvent", event.id),
                before={"status": previous},
                after={"status": event.status, "reprocessId": str(reprocess_id)},
            )
            answer = _event_json(event)
    except AuthError as exc:
        return _error(403, exc.code, str(exc))
    except DomainError as exc:
        return _error(404 if exc.code == "NOT_FOUND" else 409, exc.code or "INVALID", str(exc))
    return JSONResponse({"evento": answer, "reprocessamento": str(reprocess_id)}, status_code=202)


async def _hub_order_id(services: Services, principal: Principal, given: str) -> uuid.UUID:
    """The hub order a path names: its id, or its code (the pack or order number)."""
    try:
        return uuid.UUID(given)
    except ValueError:
        pass
    async with services.db.tenant(principal.tenant_id) as session:
        found = (await session.exec(select(HubOrder.id).where(col(HubOrder.code) == given))).first()
    if found is None:
        raise DomainError("no such hub order", field="pedidoId", code="NOT_FOUND")
    return found


async def resend_ready(request: Request) -> Response:
    services: Services = request.app.state.services
    try:
        principal = await _principal(request)
        order_id = await _hub_order_id(services, principal, request.path_params["order"])
        async with unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id) as work:
            order, notification_id = await hub_service.resend_ready_notification(work.session, principal, order_id)
            await audit.record(
                work.session,
                principal,
                "resendReadyNotification",
                target_type="HubOrder",
                target_id=global_id_text("HubOrder", order.id),
                after={"notification": str(notification_id)},
            )
            hub_flows.after_commit(services, work, [order], deliver=True)
            answer = {"pedido": order.code, "status": order.status, "notificacao": str(notification_id)}
    except AuthError as exc:
        return _auth_error(exc)
    except DomainError as exc:
        return _error(404 if exc.code == "NOT_FOUND" else 409, exc.code or "INVALID", str(exc))
    return JSONResponse(answer, status_code=202)
