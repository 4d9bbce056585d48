"""The hub's REST: the signed webhook (checked, stored before 202, a redelivery "duplicado" and not processed
again), the events list, reprocessing (counted, audited, changing nothing twice) and the ready resend."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any

import httpx
from pydantic import SecretStr
from sqlalchemy import text

from melihub.accounts.api_tokens import create_api_token
from melihub.accounts.models import Role
from melihub.connections.models import MeliAccount
from melihub.runtime import QUEUE_NAME, Services
from melihub.testing.fixtures import load_fixture
from tests.hub.test_delivery import _pronto
from tests.kpis.helpers import owner_of

SECRET = "hub-signing-secret"
NOTIFICATION = load_fixture("notifications/orders_v2.json")
WEBHOOK = "/api/integracoes/ml/webhook"


def _signed(body: bytes, tenant: uuid.UUID, secret: str = SECRET, topic: str = "orders_v2") -> dict[str, str]:
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {
        "content-type": "application/json",
        "x-ml-signature": signature,
        "x-tenant": str(tenant),
        "x-event-type": topic,
    }


async def _stored(services: Services, account: MeliAccount) -> list[dict[str, Any]]:
    async with services.db.tenant(account.tenant_id) as session:
        query = text("SELECT id, status, deliveries, reprocessed FROM integration_events WHERE source = 'meli'")
        return [dict(row) for row in (await session.exec(query)).mappings().all()]  # type: ignore[call-overload]


async def _token(services: Services, account: MeliAccount, role: Role) -> dict[str, str]:
    async with services.db.tenant(account.tenant_id) as session:
        _, secret = await create_api_token(session, owner_of(account), name=f"hub-{role.value}", role=role)
    return {"authorization": f"Bearer {secret}"}


def _signing(services: Services) -> None:
    services.settings = services.settings.model_copy(update={"webhook_hmac_secret": SecretStr(SECRET)})


async def test_the_signature_is_checked_and_the_event_is_stored_before_202(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    _signing(services)
    body = json.dumps(NOTIFICATION).encode()
    tenant = meli_account_a.tenant_id
    missing = await client.post(WEBHOOK, content=body, headers={"content-type": "application/json"})
    wrong = await client.post(WEBHOOK, content=body, headers=_signed(body, tenant, secret="guess"))
    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert await _stored(services, meli_account_a) == []

    accepted = await client.post(WEBHOOK, content=body, headers=_signed(body, tenant))
    assert accepted.status_code == 202 and accepted.json()["status"] == "recebido"
    [event] = await _stored(services, meli_account_a)  # stored by the time the 202 was sent
    assert str(event["id"]) == accepted.json()["event_id"] and event["status"] == "received"
    other_topic = await client.post(WEBHOOK, content=body, headers=_signed(body, tenant, topic="items"))
    assert other_topic.status_code == 400


async def test_a_redelivery_is_duplicado_and_not_queued_again(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    _signing(services)
    body = json.dumps(NOTIFICATION).encode()
    first = await client.post(WEBHOOK, content=body, headers=_signed(body, meli_account_a.tenant_id))
    await services.resource_queue.drain()
    await services.redis.delete(QUEUE_NAME)  # a worker took the first delivery's job
    second = await client.post(WEBHOOK, content=body, headers=_signed(body, meli_account_a.tenant_id))
    await services.resource_queue.drain()

    assert (first.json()["status"], second.json()["status"]) == ("recebido", "duplicado")
    [event] = await _stored(services, meli_account_a)
    assert event["deliveries"] == 2
    async with services.db.tenant(meli_account_a.tenant_id) as session:  # as the worker leaves it
        await session.exec(text("UPDATE integration_events SET status = 'processed'"))  # type: ignore[call-overload]
    third = await client.post(WEBHOOK, content=body, headers=_signed(body, meli_account_a.tenant_id))
    await services.resource_queue.drain()
    assert third.json()["status"] == "duplicado" and await services.redis.zcard(QUEUE_NAME) == 0

    listed = await client.get(
        "/api/integracoes/eventos",
        params={"canal": "ML"},
        headers=await _token(services, meli_account_a, Role.INTEGRATOR),
    )
    [shown] = listed.json()["eventos"]
    assert shown["entregas"] == 3 and shown["anotacoes"] == ["duplicado"]


async def test_reprocessing_counts_is_audited_and_needs_the_right_role(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    _signing(services)
    body = json.dumps(NOTIFICATION).encode()
    event_id = (await client.post(WEBHOOK, content=body, headers=_signed(body, meli_account_a.tenant_id))).json()[
        "event_id"
    ]
    path = f"/internal/integracoes/ml/reprocessar/{event_id}"
    assert (await client.post(path)).status_code == 401
    analyst = await client.post(path, headers=await _token(services, meli_account_a, Role.ANALYST))
    assert analyst.status_code == 403
    integrator = await _token(services, meli_account_a, Role.INTEGRATOR)
    for expected in (1, 2):
        done = await client.post(path, headers=integrator)
        assert done.status_code == 202 and done.json()["evento"]["reprocessamentos"] == expected
    assert (
        await client.post(f"/internal/integracoes/ml/reprocessar/{uuid.uuid4()}", headers=integrator)
    ).status_code == 404
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        audited = (
            await session.exec(text("SELECT count(*) FROM audit_log WHERE action = 'reprocessEvent'"))  # type: ignore[call-overload]
        ).one()[0]
    assert audited == 2
    [event] = await _stored(services, meli_account_a)
    assert event["reprocessed"] == 2


async def test_the_ready_resend_by_order_code(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    hub_order = await _pronto(services, meli_account_a)
    operator = await _token(services, meli_account_a, Role.OPERATOR)
    resent = await client.post(f"/api/notificacoes/pedido/{hub_order.code}/pronto", headers=operator)
    assert resent.status_code == 202 and resent.json()["pedido"] == hub_order.code
    unknown = await client.post("/api/notificacoes/pedido/999/pronto", headers=operator)
    assert unknown.status_code == 404
    support = await client.post(
        f"/api/notificacoes/pedido/{hub_order.id}/pronto", headers=await _token(services, meli_account_a, Role.SUPPORT)
    )
    assert support.status_code == 403
    hub_events = await client.get("/api/integracoes/eventos", params={"canal": "HUB"}, headers=operator)
    kinds = {event["topico"] for event in hub_events.json()["eventos"]}
    assert kinds == {"hub"} and len(hub_events.json()["eventos"]) >= 2  # received, PRONTO
