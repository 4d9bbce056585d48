"""A real worker process takes a sandbox order into the hub, creates it once and updates it after, and the
buyer is told exactly once on PRONTO (a real local SMS provider stand-in) across duplicate notifications,
a replay and a worker SIGKILLed while the provider holds the message; a resend tells them once more."""

from __future__ import annotations

import asyncio
import copy
import signal
import subprocess
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select

from melihub.app import create_app
from melihub.events import flows as event_flows
from melihub.events.models import IntegrationEvent
from melihub.hub import mappings, service
from melihub.hub.models import HubNotification, HubOrder, HubVolume
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.http_receiver import HttpReceiver, Reply
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port
from tests.events.convergence import fault_run, link_all_sellers, start_worker, worker_report
from tests.hub.world import hub_on
from tests.kpis.helpers import owner_of

pytestmark = pytest.mark.slow

TEMPLATE_ORDER, TEMPLATE_SHIPMENT = "2000009876543201", "44123456701"
ORDER, SHIPMENT = 2000009876577001, 44123456777
WAIT_S = 60


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _shipment(sandbox: Any, substatus: str) -> dict[str, Any]:
    raw: dict[str, Any] = copy.deepcopy(sandbox.get("shipments", TEMPLATE_SHIPMENT))
    raw.update(id=SHIPMENT, status="ready_to_ship", substatus=substatus, last_updated=_now())
    raw.setdefault("destination", {})["receiver_phone"] = "+55 11 91234-5678"
    return raw


def _order(sandbox: Any) -> dict[str, Any]:
    raw: dict[str, Any] = copy.deepcopy(sandbox.get("orders", TEMPLATE_ORDER))
    now = _now()
    raw.update(id=ORDER, status="paid", date_created=now, date_closed=now, last_updated=now, pack_id=None)
    raw["shipping"] = {"id": SHIPMENT}
    for number, payment in enumerate(raw.get("payments") or [], start=1):
        payment.update(id=int(f"77001{number:03d}"), order_id=ORDER, date_created=now)
    return raw


async def _until(check: Callable[[], Awaitable[Any]], what: str, worker: subprocess.Popen[bytes] | None) -> Any:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = await check()
        if found:
            return found
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}{worker_report(worker)}")


async def _hub_order(services: Services, tenant_id: Any) -> HubOrder | None:
    """Ours (linking the seller also backfilled the sandbox's other orders, some into the hub)."""
    async with services.db.tenant(tenant_id) as session:
        return (await session.exec(select(HubOrder).where(HubOrder.external_id == str(ORDER)))).first()


async def _notifications(services: Services, tenant_id: Any) -> list[HubNotification]:
    hub_order = await _hub_order(services, tenant_id)
    assert hub_order is not None
    async with services.db.tenant(tenant_id) as session:
        query = select(HubNotification).where(HubNotification.hub_order_id == hub_order.id)
        return list((await session.exec(query)).all())


def _keys(provider: HttpReceiver) -> list[str]:
    return [request.headers["idempotency-key"] for request in provider.requests]


async def _prepare(services: Services, account: Any, hub_order: HubOrder) -> None:
    """The desk maps the SKU and shelves the volume while the label is not out yet."""
    owner = owner_of(account)
    async with services.db.tenant(account.tenant_id) as session:
        await mappings.set_sku_mapping(session, owner, channel="ML", external_sku="GT-INOX-1L", internal_sku="INT-9")
        volume = (await session.exec(select(HubVolume).where(HubVolume.hub_order_id == hub_order.id))).one()
        await service.receive_volume(session, owner, volume.id, "D-04")


def _volume(services: Services, tenant_id: Any) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        hub_order = await _hub_order(services, tenant_id)
        if hub_order is None:
            return False
        async with services.db.tenant(tenant_id) as session:
            query = select(HubVolume).where(HubVolume.hub_order_id == hub_order.id)
            return (await session.exec(query)).first() is not None

    return check


def _requests_at_least(provider: HttpReceiver, count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return len(provider.requests) >= count

    return check


def _distinct_keys(provider: HttpReceiver, count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return len(set(_keys(provider))) == count

    return check


async def test_one_ready_sms_across_duplicates_a_replay_and_a_killed_worker(
    services: Services, settings: Any, database_factory: Any, db_name: str, redis_url: str, meli_account_a: Any
) -> None:
    from melihub.sandbox.testing import running_sandbox

    tenant_id = meli_account_a.tenant_id
    await hub_on(services.db, meli_account_a)
    workers: list[subprocess.Popen[bytes]] = []
    with HttpReceiver() as provider, running_sandbox(rebase_clock=True) as sandbox:
        run = fault_run(
            settings,
            database_url=database_factory.admin_url_of(db_name),
            redis_url=redis_url,
            port=free_port(),
            sandbox_url=sandbox.url,
        )
        env = {
            **run.worker_env,
            "MELIHUB_SMS_URL": f"{provider.url}/sms",
            "MELIHUB_SMS_TOKEN": "t0k3n",
            "MELIHUB_HUB_NOTIFICATION_LEASE_S": "3",
        }
        with serve_in_thread(create_app(settings=run.api_settings), port=run.port):
            sandbox.configure(callback_url=f"{run.base}/webhooks/meli")
            link_all_sellers(run.base, sandbox, [(str(SELLER_A), "MLB")])
            try:
                workers.append(start_worker(env))
                sandbox.put("orders", ORDER, _order(sandbox), notify=True)
                sandbox.put("shipments", SHIPMENT, _shipment(sandbox, "invoice_pending"), notify=True)
                await _until(_volume(services, tenant_id), "the hub order's volume", workers[-1])
                created = await _hub_order(services, tenant_id)
                assert created is not None
                assert created.label_ready is False and created.status == "RECEBIDO"
                await _prepare(services, meli_account_a, created)

                provider.reply(Reply(200, {"id": "sms-1"}, delay_s=4.0))  # held long enough to kill the worker
                sandbox.put("shipments", SHIPMENT, _shipment(sandbox, "ready_to_print"), notify=True)
                await _until(_requests_at_least(provider, 1), "the SMS", workers[-1])
                workers[-1].send_signal(signal.SIGKILL)  # mid-send: the provider has not answered
                workers[-1].wait(10)
                workers.append(start_worker(env))

                async def sent() -> bool:
                    return [n.status for n in await _notifications(services, tenant_id)] == ["SENT"]

                await _until(sent, "the retried SMS", workers[-1])
                for _ in range(2):  # Mercado Livre notifies again; and someone reprocesses the order's event
                    sandbox.notify(SELLER_A, "shipments", f"/shipments/{SHIPMENT}")
                    sandbox.notify(SELLER_A, "orders_v2", f"/orders/{ORDER}")
                await _replay_order_event(services, meli_account_a)
                await asyncio.sleep(12)  # a sweeper cycle and the pipeline's jobs
                hub_orders = [o for o in await _all_hub_orders(services, tenant_id) if o.external_id == str(ORDER)]
                assert [o.status for o in hub_orders] == ["PRONTO"]  # one hub order, whatever came twice
                assert len(set(_keys(provider))) == 1, _keys(provider)  # one message, however many tries

                async with services.db.tenant(tenant_id) as session:
                    await service.resend_ready_notification(session, owner_of(meli_account_a), hub_orders[0].id)
                await _until(_distinct_keys(provider, 2), "the resend", workers[-1])
            finally:
                for worker in workers:
                    worker.kill()
    ready, resend = sorted(await _notifications(services, tenant_id), key=lambda n: n.created_at)
    assert (ready.reason, ready.status, ready.attempts) == ("ready", "SENT", 2)
    assert (resend.reason, resend.status) == ("resend", "SENT")
    first_key, *others = _keys(provider)
    assert others == [first_key, f"melihub-{resend.id}"]  # the killed try, its retry (same key), the resend
    assert provider.requests[0].json["to"] == "+55 11 91234-5678" and str(ORDER) in provider.requests[0].json["text"]


async def _all_hub_orders(services: Services, tenant_id: Any) -> list[HubOrder]:
    async with services.db.tenant(tenant_id) as session:
        return list((await session.exec(select(HubOrder))).all())


async def _replay_order_event(services: Services, account: Any) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        query = select(IntegrationEvent).where(IntegrationEvent.topic == "orders_v2")
        event = (await session.exec(query)).first()
    assert event is not None
    await event_flows.reprocess_event(services, owner_of(account), event.id)
