"""Through a real arq worker (the production function list): a change recorded while no worker runs is
delivered once one starts; its 500 is retried by the deferred job and the second try is delivered."""

from __future__ import annotations

import asyncio

from arq.worker import Worker

from melihub.accounts.models import Tenant, User
from melihub.integrator_webhooks import fanout, signing
from melihub.runtime import QUEUE_NAME, Services
from melihub.testing.http_receiver import HttpReceiver, Reply
from melihub_workers.settings import WorkerSettings
from tests.conftest import stop_worker
from tests.integrator_webhooks.world import deliveries, order_change, subscribe


async def test_a_worker_delivers_and_retries_what_was_queued_before_it_started(
    services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    tenant = tenant_a[0]
    services.settings = services.settings.model_copy(update={"outbound_webhook_retry_delays_s": [1]})
    with HttpReceiver(Reply(500), Reply(200)) as receiver:
        _, secret = await subscribe(services, tenant, receiver.url + "/in")
        [delivery_id] = await fanout.record_change(services, order_change(tenant))
        worker = Worker(
            functions=WorkerSettings.functions,
            queue_name=QUEUE_NAME,
            redis_pool=services.redis,
            ctx={"services": services},
            handle_signals=False,
            keep_result=0,
            poll_delay=WorkerSettings.poll_delay,
        )
        task = asyncio.create_task(worker.async_run())
        try:
            for _ in range(200):
                [row] = await deliveries(services, tenant)
                if row.status == "DELIVERED":
                    break
                await asyncio.sleep(0.05)
        finally:
            await stop_worker(worker, task)
    assert (row.id, row.status, row.attempts, row.response_status) == (delivery_id, "DELIVERED", 2, 200)
    assert len(receiver.requests) == 2
    for received in receiver.requests:
        signing.verify(secret, received.headers["x-melihub-signature"], received.body)
