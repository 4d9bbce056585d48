"""The outbound webhooks over GraphQL: the secret shown once, URL errors as data, the delivery log with
replay, another tenant's ids NOT_FOUND, and the secret in no audit row and no log line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from melihub.accounts.models import Tenant, User
from melihub.config import Environment
from melihub.integrator_webhooks import delivery, fanout, signing
from melihub.observability import LOG_COPY_ENV
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gql, login
from melihub.testing.http_receiver import HttpReceiver
from tests.conftest import OWNER_PASSWORD
from tests.integrator_webhooks.world import order_change

CREATE = """mutation($url: String!, $events: [WebhookEvent!]!) {
  createWebhookSubscription(url: $url, events: $events) {
    webhookSubscription { id url events status } secret errors { field code message }
  }
}"""
LIST = "{ webhookSubscriptions { id url events status consecutiveFailures } }"
UPDATE = """mutation($id: ID!, $active: Boolean, $url: String) {
  updateWebhookSubscription(id: $id, active: $active, url: $url) {
    webhookSubscription { status url } errors { field code }
  }
}"""
ROTATE = "mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret errors { field code } } }"
DELETE = "mutation($id: ID!) { deleteWebhookSubscription(id: $id) { deletedId errors { field code } } }"
REPLAY = """mutation($id: ID!) {
  replayWebhookDelivery(id: $id) { delivery { id status replayOf requestBody } errors { field code } }
}"""
LOG = """query($s: ID!) {
  webhookDeliveries(subscriptionId: $s, first: 10) { totalCount edges { node {
    id event eventId status attempts responseStatus durationMs error nextAttemptAt requestBody replayOf
  } } }
}"""


async def _create(client: httpx.AsyncClient, url: str, events: list[str] | None = None) -> dict[str, Any]:
    body = await gql(client, CREATE, {"url": url, "events": events or ["ORDER_CHANGED"]})
    assert not body.get("errors"), body
    payload: dict[str, Any] = body["data"]["createWebhookSubscription"]
    return payload


async def test_create_shows_the_secret_once_and_bad_input_is_user_error_data(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    created = await _create(client, "http://127.0.0.1:9/in", ["ORDER_CHANGED", "QUESTION_CHANGED"])
    assert created["errors"] == [] and created["secret"].startswith("whsec_")
    node = created["webhookSubscription"]
    assert (node["status"], node["events"]) == ("ACTIVE", ["ORDER_CHANGED", "QUESTION_CHANGED"])
    listed = (await gql(client, LIST))["data"]["webhookSubscriptions"]
    assert [row["id"] for row in listed] == [node["id"]]
    no_secret = await gql(client, "{ webhookSubscriptions { secret } }")
    assert error_codes(no_secret) and "secret" in no_secret["errors"][0]["message"]

    refused = (await _create(client, "ftp://hooks.example.com/in"))["errors"]
    assert [(e["field"], e["code"]) for e in refused] == [("url", "INVALID_URL")]
    body = await gql(client, CREATE, {"url": "http://127.0.0.1:9/in", "events": []})
    assert [(e["field"], e["code"]) for e in body["data"]["createWebhookSubscription"]["errors"]] == [
        ("events", "REQUIRED")
    ]
    services.settings = services.settings.model_copy(update={"env": Environment.PRODUCTION})
    for url, message in (("http://hooks.example.com/in", "https://"), ("https://10.0.0.7/in", "private")):
        [error] = (await _create(client, url))["errors"]
        assert (error["field"], error["code"]) == ("url", "INVALID_URL") and message in error["message"]
    assert len((await gql(client, LIST))["data"]["webhookSubscriptions"]) == 1  # nothing else was stored


async def test_pause_resume_rotate_delete(client: httpx.AsyncClient, tenant_a: tuple[Tenant, User]) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    created = await _create(client, "http://127.0.0.1:9/in")
    subscription_id = created["webhookSubscription"]["id"]
    paused = (await gql(client, UPDATE, {"id": subscription_id, "active": False}))["data"]
    assert paused["updateWebhookSubscription"]["webhookSubscription"]["status"] == "PAUSED"
    moved = await gql(client, UPDATE, {"id": subscription_id, "active": True, "url": "http://127.0.0.1:9/v2"})
    assert moved["data"]["updateWebhookSubscription"]["webhookSubscription"] == {
        "status": "ACTIVE",
        "url": "http://127.0.0.1:9/v2",
    }
    rotated = (await gql(client, ROTATE, {"id": subscription_id}))["data"]["rotateWebhookSecret"]
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != created["secret"]
    deleted = (await gql(client, DELETE, {"id": subscription_id}))["data"]["deleteWebhookSubscription"]
    assert deleted == {"deletedId": subscription_id, "errors": []}
    assert (await gql(client, LIST))["data"]["webhookSubscriptions"] == []


async def test_the_log_replays_a_delivery_and_other_tenants_see_nothing(
    client: httpx.AsyncClient,
    app: object,
    services: Services,
    tenant_a: tuple[Tenant, User],
    tenant_b: tuple[Tenant, User],
) -> None:
    tenant = tenant_a[0]
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    with HttpReceiver() as receiver:
        created = await _create(client, receiver.url + "/in")
        subscription_id, secret = created["webhookSubscription"]["id"], created["secret"]
        [first_id] = await fanout.record_change(services, order_change(tenant))
        assert await delivery.deliver(services, tenant.id, first_id) == "DELIVERED"
        [entry] = [
            edge["node"]
            for edge in (await gql(client, LOG, {"s": subscription_id}))["data"]["webhookDeliveries"]["edges"]
        ]
        assert (entry["status"], entry["attempts"], entry["responseStatus"], entry["error"]) == (
            "DELIVERED",
            1,
            200,
            None,
        )
        assert entry["event"] == "ORDER_CHANGED" and entry["nextAttemptAt"] is None
        assert entry["requestBody"].encode() == receiver.requests[0].body

        replayed = (await gql(client, REPLAY, {"id": entry["id"]}))["data"]["replayWebhookDelivery"]
        assert replayed["errors"] == [] and replayed["delivery"]["status"] == "PENDING"
        assert replayed["delivery"]["replayOf"] == entry["id"]
        replay_row = [row for row in await _delivery_ids(services, tenant) if row != first_id]
        assert await delivery.deliver(services, tenant.id, replay_row[0]) == "DELIVERED"
    first, again = receiver.requests
    assert again.body == first.body  # the very payload, the same event id
    assert again.headers["x-melihub-delivery"] != first.headers["x-melihub-delivery"]
    signing.verify(secret, again.headers["x-melihub-signature"], again.body)
    log = (await gql(client, LOG, {"s": subscription_id}))["data"]["webhookDeliveries"]
    assert log["totalCount"] == 2
    assert [edge["node"]["eventId"] for edge in log["edges"]] == [entry["eventId"]] * 2

    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://melihub.test") as other:
        await login(other, "bruno@pampa.example", OWNER_PASSWORD)
        for mutation, name, value in (
            (UPDATE, "updateWebhookSubscription", subscription_id),
            (ROTATE, "rotateWebhookSecret", subscription_id),
            (DELETE, "deleteWebhookSubscription", subscription_id),
            (REPLAY, "replayWebhookDelivery", entry["id"]),
        ):
            body = await gql(other, mutation, {"id": value})
            assert [(e["field"], e["code"]) for e in body["data"][name]["errors"]] == [("id", "NOT_FOUND")], name
        assert error_codes(await gql(other, LOG, {"s": subscription_id})) == ["NOT_FOUND"]
        assert (await gql(other, LIST))["data"]["webhookSubscriptions"] == []
        found = await gql(other, "query($id: ID!) { node(id: $id) { id } }", {"id": subscription_id})
        assert found["data"]["node"] is None
    assert len((await gql(client, LIST))["data"]["webhookSubscriptions"]) == 1  # untouched by B's calls
    rotated = (await gql(client, ROTATE, {"id": subscription_id}))["data"]["rotateWebhookSecret"]["secret"]
    await _no_secret_in_audit_or_logs(services, tenant, [secret, rotated])


async def _delivery_ids(services: Services, tenant: Tenant) -> list[Any]:
    async with services.db.tenant(tenant.id) as session:
        return list((await session.exec(text("SELECT id FROM webhook_deliveries"))).scalars())  # type: ignore[call-overload]


async def _no_secret_in_audit_or_logs(services: Services, tenant: Tenant, secrets: list[str]) -> None:
    async with services.db.tenant(tenant.id) as session:
        rows = (await session.exec(text("SELECT * FROM audit_log"))).all()  # type: ignore[call-overload]
    audit = "\n".join(str(tuple(row)) for row in rows)
    assert "createWebhookSubscription" in audit and "rotateWebhookSecret" in audit
    logged = Path(os.environ[LOG_COPY_ENV].replace("{pid}", str(os.getpid()))).read_text(encoding="utf-8")
    assert "webhook.delivered" in logged  # the log copy is this process's, with the deliveries in it
    for secret in secrets:
        assert secret not in audit and secret not in logged
        assert secret.removeprefix("whsec_") not in audit and secret.removeprefix("whsec_") not in logged
