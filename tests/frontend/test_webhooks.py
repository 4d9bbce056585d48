"""The outbound webhooks screen in a real browser: from the integrations screen to "Webhooks", a URL the
API refuses (shown under the field), a webhook created to a local receiver with its secret shown once; a
change the worker delivers, signed with that very secret, shows delivered in the log; "Reenviar" sends
the same body again as a new delivery. Each step is checked by axe-core; the screen is pictured at 1280x800."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

from sqlmodel import col, select

from melihub.accounts.models import Tenant, User
from melihub.integrator_webhooks import fanout, signing
from melihub.integrator_webhooks.models import WebhookDelivery
from melihub.realtime.bus import Change
from melihub.runtime import Services
from melihub.testing.http_receiver import HttpReceiver
from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir


async def _wait_for_requests(receiver: HttpReceiver, count: int, timeout_s: float = 20) -> None:
    for _ in range(int(timeout_s / 0.05)):
        if len(receiver.requests) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the receiver got {len(receiver.requests)} request(s), expected {count}")


async def _statuses(services: Services, tenant: Tenant) -> list[str]:
    async with services.db.tenant(tenant.id) as session:
        query = select(WebhookDelivery.status).order_by(col(WebhookDelivery.created_at))
        return list((await session.exec(query)).all())


async def test_create_a_webhook_see_it_delivered_and_replay_it(
    stack: Stack, meli_services: Services, tenant_a: tuple[Tenant, User], tmp_path: Path
) -> None:
    tenant = tenant_a[0]
    shots = screenshot_dir(tmp_path)
    with HttpReceiver() as receiver:
        env = browser_env(
            stack.api, shots, EMAIL=OWNER_EMAIL, PASSWORD=OWNER_PASSWORD, RECEIVER_URL=receiver.url + "/erp"
        )
        script = BrowserScript("webhooks.mjs", env).start()
        try:
            _, subscription_id, secret = (await script.expect("CREATED")).split()
            assert secret.startswith("whsec_")
            change = Change(str(tenant.id), "shipment", str(uuid.uuid4()), "v1")
            assert len(await fanout.record_change(meli_services, change)) == 1
            await _wait_for_requests(receiver, 1)  # the stack's worker took the job and posted it
            script.send("DELIVERED")
            assert (await script.expect("LOGGED")).split()[1:] == ["Entregue"]
            await script.expect("REPLAYED")
            await _wait_for_requests(receiver, 2)
            for _ in range(100):
                if await _statuses(meli_services, tenant) == ["DELIVERED", "DELIVERED"]:
                    break
                await asyncio.sleep(0.05)
            script.send("SENT")
            assert (await script.expect("LOG")).split()[1:] == ["Entregue,Entregue"]
            await script.finish()
        finally:
            script.kill()
    first, again = receiver.requests
    assert first.path == "/erp" and again.body == first.body
    assert first.headers["x-melihub-delivery"] != again.headers["x-melihub-delivery"]
    for received in (first, again):
        signing.verify(secret, received.headers["x-melihub-signature"], received.body)
    assert json.loads(first.body)["event"] == "shipmentChanged"
    assert subscription_id
