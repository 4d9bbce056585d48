"""A published change becomes a signed POST to a real local receiver; failures are retried with backoff,
a subscription that keeps failing is disabled, and deliveries survive as rows (the jobs only wake workers)."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from arq.jobs import Job

from melihub.accounts.models import Tenant, User
from melihub.db.base import utcnow
from melihub.globalids import global_id_text
from melihub.integrator_webhooks import delivery, fanout, signing
from melihub.integrator_webhooks.events import WebhookEvent
from melihub.integrator_webhooks.models import WebhookDelivery
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services
from melihub.testing.http_receiver import HttpReceiver, Reply
from tests.integrator_webhooks.world import deliveries, order_change, subscribe, subscription_row


async def _due_now(services: Services, tenant: Tenant, row: WebhookDelivery) -> None:
    """Skip the backoff wait: the retry is due now (what the clock would do)."""
    async with services.db.tenant(tenant.id) as session:
        stored = await session.get(WebhookDelivery, row.id)
        assert stored is not None
        stored.next_attempt_at = utcnow()
        session.add(stored)


async def test_a_change_is_posted_signed_with_the_subscriptions_secret(
    services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant = tenant_a[0]
    with HttpReceiver() as receiver:
        subscription, secret = await subscribe(services, tenant, receiver.url + "/hooks")
        change = order_change(tenant, "2026-12-04T10:00:00Z")
        [delivery_id] = await fanout.record_change(services, change)
        assert await delivery.deliver(services, tenant.id, delivery_id) == "DELIVERED"
    [received] = receiver.requests
    assert received.method == "POST" and received.path == "/hooks"
    signed_at = signing.verify(secret, received.headers["x-melihub-signature"], received.body)
    assert abs(signed_at - utcnow().timestamp()) < 30
    assert received.headers["x-melihub-event"] == "orderChanged"
    assert received.headers["x-melihub-delivery"] == str(delivery_id)
    assert received.headers["user-agent"].startswith("melihub-webhooks/")
    assert received.headers["content-type"] == "application/json"
    body = json.loads(received.body)
    assert set(body) == {"id", "event", "occurredAt", "tenant", "data"}
    assert body["event"] == "orderChanged" and body["tenant"] == global_id_text("Tenant", tenant.id)
    assert body["data"] == {
        "type": "Order",
        "id": global_id_text("Order", change.id),
        "version": "2026-12-04T10:00:00Z",
        "meliAccountId": None,
    }
    [row] = await deliveries(services, tenant)
    assert (row.status, row.attempts, row.response_status) == ("DELIVERED", 1, 200)
    assert row.duration_ms is not None and row.delivered_at is not None and row.next_attempt_at is None
    assert (await subscription_row(services, tenant, subscription.id)).consecutive_failures == 0


async def test_only_matching_active_subscriptions_of_the_tenant_get_a_delivery_once_per_version(
    services: Services, tenant_a: tuple[Tenant, User], tenant_b: tuple[Tenant, User]
) -> None:
    tenant, other = tenant_a[0], tenant_b[0]
    orders, _ = await subscribe(services, tenant, "http://127.0.0.1:9/a")
    await subscribe(services, tenant, "http://127.0.0.1:9/b", (WebhookEvent.LISTING_CHANGED,))
    await subscribe(services, other, "http://127.0.0.1:9/c")
    change = order_change(tenant)
    assert len(await fanout.record_change(services, change)) == 1
    assert await fanout.record_change(services, change) == []  # the same version published again
    assert await fanout.record_change(services, Change(str(tenant.id), "integration_event", "x")) == []
    unversioned = order_change(tenant, version=None)
    assert len(await fanout.record_change(services, unversioned)) == 1
    assert len(await fanout.record_change(services, unversioned)) == 1  # nothing to merge it on
    rows = await deliveries(services, tenant)
    assert {row.subscription_id for row in rows} == {orders.id}
    assert await deliveries(services, other) == []
    # Each delivery's first try is queued under a job id derived from its row: queued twice, one job.
    assert await delivery.enqueue(services, tenant.id, rows[0].id, 0) is False
    job = Job(delivery.job_id(rows[0].id, 0), services.redis)
    assert (await job.info()) is not None


async def test_a_500_is_retried_with_backoff_and_then_delivered(
    services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant = tenant_a[0]
    with HttpReceiver(Reply(500, {"error": "boom"}), Reply(200)) as receiver:
        subscription, secret = await subscribe(services, tenant, receiver.url + "/in")
        [delivery_id] = await fanout.record_change(services, order_change(tenant))
        before = utcnow()
        assert await delivery.deliver(services, tenant.id, delivery_id) == "RETRYING"
        [row] = await deliveries(services, tenant)
        assert (row.attempts, row.response_status, row.last_error) == (1, 500, "the receiver answered HTTP 500")
        assert row.response_body == '{"error":"boom"}'
        assert row.next_attempt_at is not None
        assert timedelta(seconds=53) < row.next_attempt_at - before < timedelta(seconds=67)  # 60 s ± 10 %
        assert (await subscription_row(services, tenant, subscription.id)).consecutive_failures == 1
        assert await delivery.deliver(services, tenant.id, delivery_id) == "SKIPPED"  # not due yet
        await _due_now(services, tenant, row)
        assert await delivery.deliver(services, tenant.id, delivery_id) == "DELIVERED"
    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["x-melihub-delivery"] == second.headers["x-melihub-delivery"] == str(delivery_id)
    for received in (first, second):
        signing.verify(secret, received.headers["x-melihub-signature"], received.body)
    [row] = await deliveries(services, tenant)
    assert (row.status, row.attempts, row.response_status, row.last_error) == ("DELIVERED", 2, 200, None)
    assert (await subscription_row(services, tenant, subscription.id)).consecutive_failures == 0


async def test_a_receiver_that_is_down_gets_backoff_then_the_delivery_fails(
    services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant = tenant_a[0]
    services.settings = services.settings.model_copy(update={"outbound_webhook_retry_delays_s": [60, 300]})
    receiver = HttpReceiver().start()
    url = receiver.url
    receiver.stop()  # nothing listens on that port any more
    await subscribe(services, tenant, url + "/in")
    [delivery_id] = await fanout.record_change(services, order_change(tenant))
    waits = []
    for expected in ("RETRYING", "RETRYING", "FAILED"):
        started = utcnow()
        assert await delivery.deliver(services, tenant.id, delivery_id) == expected
        [row] = await deliveries(services, tenant)
        assert row.response_status is None and (row.last_error or "").startswith("ConnectError")
        if row.next_attempt_at is not None:
            waits.append((row.next_attempt_at - started).total_seconds())
            job = Job(delivery.job_id(delivery_id, row.attempts), services.redis)
            assert (await job.info()) is not None  # the retry's job is queued, deferred to that time
            await _due_now(services, tenant, row)
    assert 53 < waits[0] < 67 and 269 < waits[1] < 331
    assert (row.status, row.attempts, row.next_attempt_at) == ("FAILED", 3, None)


async def test_many_failed_tries_in_a_row_disable_the_subscription(
    services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant = tenant_a[0]
    services.settings = services.settings.model_copy(update={"outbound_webhook_disable_after": 2})
    with HttpReceiver(Reply(503), Reply(503), Reply(200)) as receiver:
        subscription, _ = await subscribe(services, tenant, receiver.url + "/in")
        first = await fanout.record_change(services, order_change(tenant))
        second = await fanout.record_change(services, order_change(tenant))
        assert await delivery.deliver(services, tenant.id, first[0]) == "RETRYING"
        assert await delivery.deliver(services, tenant.id, second[0]) == "RETRYING"
        stored = await subscription_row(services, tenant, subscription.id)
        assert (stored.status, stored.disabled_reason) == ("DISABLED", "2 failed tries in a row")
        assert await fanout.record_change(services, order_change(tenant)) == []  # disabled: nothing new
        for row in await deliveries(services, tenant):
            await _due_now(services, tenant, row)
        assert await delivery.deliver(services, tenant.id, first[0]) == "FAILED"
    assert len(receiver.requests) == 2
    [failed] = [row for row in await deliveries(services, tenant) if row.id == first[0]]
    assert failed.last_error == "the subscription is paused or disabled"


async def test_the_sweeper_queues_due_deliveries_whose_job_was_lost(
    services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant = tenant_a[0]
    await subscribe(services, tenant, "http://127.0.0.1:9/in")
    [delivery_id] = await fanout.record_change(services, order_change(tenant))
    await services.redis.flushdb()  # Redis lost its queue: the row still says PENDING, due now
    assert await delivery.sweep(services) == 1
    assert (await Job(delivery.job_id(delivery_id, 0), services.redis).info()) is not None
    assert await delivery.sweep(services) == 0  # queued already: the same job id


async def test_the_fanout_listener_records_published_changes(services: Services, tenant_a: tuple[Tenant, User]) -> None:
    tenant = tenant_a[0]
    await subscribe(services, tenant, "http://127.0.0.1:9/in")
    listeners = [await fanout.WebhookFanout(services).start() for _ in range(2)]  # two workers
    try:
        for listener in listeners:
            await asyncio.wait_for(listener.connected.wait(), timeout=5)
        change = order_change(tenant, version=None)
        await publish(services.redis, change)
        for _ in range(100):
            if await deliveries(services, tenant):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # the other listener had its chance to record it as well
    finally:
        for listener in listeners:
            await listener.aclose()
    [row] = await deliveries(services, tenant)
    assert json.loads(row.body)["data"]["id"] == global_id_text("Order", change.id)
