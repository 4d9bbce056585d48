"""End to end: a buyer writes on Mercado Livre (the sandbox), its ``messages`` notification reaches melihub,
the worker stores the message, and the open thread sees it through ``conversationChanged`` — only in the
seller's tenant.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from melihub.app import create_app
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.server import serve_in_thread
from melihub.testing.ws import graphql_socket
from tests.conftest import PUBLIC_URL, api_token_for, link_seller
from tests.events.test_live_orders import _syncs_settled
from tests.messages.conftest import PACK

CHANGED = """
subscription { conversationChanged { threadMlId unreadCount lastMessage { text fromSeller readAt } } }
"""


async def test_a_buyer_message_reaches_the_open_thread_live_and_only_its_tenant(
    meli_services: Services, sandbox: Any, live_settings: Any, worker: Any, tenant_a: Any, tenant_b: Any
) -> None:
    live = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    token_b = await api_token_for(meli_services, tenant_b[0])
    with serve_in_thread(create_app(settings=live)) as base:
        sandbox.configure(callback_url=f"{base}/webhooks/meli")
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
            cookies = dict(http.cookies)
        await _syncs_settled(meli_services, tenant_a[0].id)
        async with (
            graphql_socket(base, cookies=cookies) as seller_socket,
            graphql_socket(base, authorization=f"Bearer {token_b}") as other_tenant_socket,
        ):
            await seller_socket.subscribe(CHANGED)
            await other_tenant_socket.subscribe(CHANGED)
            await asyncio.sleep(0.3)  # both subscriptions are registered with the hub
            started = time.monotonic()
            await asyncio.to_thread(sandbox.buyer_message, PACK, "Oi! Já posso retirar?")
            payload = await seller_socket.next_payload(timeout=5.0)
            elapsed = time.monotonic() - started
            with pytest.raises(TimeoutError):
                await other_tenant_socket.receive(timeout=1.0)
    assert payload["data"]["conversationChanged"] == {
        "threadMlId": str(PACK),
        "unreadCount": 1,
        "lastMessage": {"text": "Oi! Já posso retirar?", "fromSeller": False, "readAt": None},
    }
    assert elapsed < 5.0
