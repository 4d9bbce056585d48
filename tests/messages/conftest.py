"""The inbox the conversation tests read and write: seller A linked, its sales and three threads stored.

Threads (as a notification would have stored them, whatever the sandbox says now):
- the pack ``PACK`` (orders 202 and 203): the reference's thread, the buyer's message read, the seller's reply;
- order ``LONE_ORDER`` (no pack): one unread buyer message, written first;
- order ``NEWEST_ORDER`` (no pack): one unread buyer message, written last.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text

from melihub.accounts.models import Role, Tenant, User
from melihub.connections.models import MeliAccount
from melihub.messages.service import apply_message
from melihub.orders.service import apply_order
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import gid
from tests.questions.test_answer import linked_account, melihub, member, signed_in

PACK = 2000004567890123
PACK_ORDERS = (2000009876543202, 2000009876543203)
LONE_ORDER = 2000009876543201
NEWEST_ORDER = 2000009876543206
SUPPORT_EMAIL = "sol@aurora.example"


async def store_messages(services: Services, account: MeliAccount, *raws: dict[str, Any]) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        for raw in raws:
            assert (await apply_message(session, account, raw, event_id=uuid.uuid4())).changed


async def store_orders(services: Services, account: MeliAccount, sandbox: Any, *ml_ids: int) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        for ml_id in ml_ids:
            await apply_order(session, account, sandbox.get("orders", ml_id))


async def conversation_id(services: Services, tenant_id: uuid.UUID, thread: int) -> str:
    async with services.db.tenant(tenant_id) as session:
        found = (
            await session.exec(text("SELECT id FROM conversations WHERE thread_ml_id = :t").bindparams(t=thread))
        ).one()
    return gid("Conversation", found[0])


def calls_to(sandbox: Any, method: str, route: str) -> list[dict[str, Any]]:
    return [call for call in sandbox.calls() if call["method"] == method and call["route"] == route]


THREAD_ROUTE = "/messages/packs/{pack_id}/sellers/{seller_id}"


@pytest.fixture
async def inbox(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[dict[str, Any]]:
    tenant, owner = tenant_a
    async with melihub(meli_services) as new_client:
        account = await linked_account(new_client, sandbox, meli_services, tenant)
        await store_orders(meli_services, account, sandbox, *PACK_ORDERS, LONE_ORDER, NEWEST_ORDER)
        await store_messages(meli_services, account, *load_fixture("messages/pack_2000004567890123.json")["messages"])
        lone = sandbox.buyer_message(LONE_ORDER, "Oi, meu pedido já saiu?")
        newest = sandbox.buyer_message(NEWEST_ORDER, "Chegou faltando uma peça 😕")
        await store_messages(meli_services, account, lone, newest)
        user_id, password = await member(meli_services, tenant, owner, Role.SUPPORT, SUPPORT_EMAIL)
        async with signed_in(new_client, SUPPORT_EMAIL, password) as http:
            sandbox.reset_stats()
            yield {
                "tenant": tenant,
                "owner": owner,
                "account": account,
                "http": http,
                "new_client": new_client,
                "support_id": user_id,
                "pack": await conversation_id(meli_services, tenant.id, PACK),
                "lone": await conversation_id(meli_services, tenant.id, LONE_ORDER),
                "newest": await conversation_id(meli_services, tenant.id, NEWEST_ORDER),
            }
