"""A pickup hub's world for the browser scenarios: Mercado Livre sales made in the sandbox (an order and its
shipment, notified as Mercado Livre would), the hub's switches and mappings through the API, and waits on
the API for what the worker made of them.

A sale copies seller A's order 2000009876543201 and its shipment with new ids, paid now; its shipment is
``handling`` (no label yet) until :func:`release_label` moves it to ready_to_ship / ready_to_print.
"""

from __future__ import annotations

import asyncio
import copy
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from melihub.accounts.models import Role, Tenant
from melihub.accounts.principal import AuthMethod, Principal
from melihub.hub import hub_settings
from melihub.runtime import Services
from melihub.testing.smtp_server import LocalSmtpServer
from tests.frontend.conftest import Stack, graphql

TEMPLATE_ORDER = "2000009876543201"  # seller A's paid packless order (fixtures/orders)
TEMPLATE_SHIPMENT = "44123456701"
MAPPED_SKU, MAPPED_TO = "GT-INOX-1L", "INT-GARRAFA-1L"  # the template's line
HUB_FLAGS = ("integracao.ml.enabled", "hub.enabled")
HUB = {
    "name": "Hub Vila Mariana",
    "address": "Rua Domingos de Morais 1200, São Paulo",
    "pickup_hours": "seg-sex 9h-18h",
}

SET_FLAG = """mutation($key: String!) {
  setFeatureFlag(key: $key, enabled: true) { flags { key enabled } errors { code message } }
}"""
FLAGS = "{ featureFlags { key enabled } }"
SET_SKU = """mutation($external: String!, $internal: String!) {
  setSkuMapping(input: {externalSku: $external, internalSku: $internal}) { mapping { id } errors { code message } }
}"""
HUB_ORDER = """query($search: String!) {
  hubOrders(filter: {search: $search}, first: 5) {
    nodes { id code status blockers unmappedSkus recipient { name email } volumes { id position }
            notifications { status channel } }
  }
}"""
RECEIVE = """mutation($id: ID!, $position: String!) {
  receiveHubVolume(id: $id, position: $position) { order { status } errors { code message } }
}"""
SET_EMAIL = """mutation($id: ID!, $email: String!) {
  setHubRecipientEmail(id: $id, email: $email) { order { id } errors { code message } }
}"""
CONFIRM = """mutation($id: ID!, $document: String!) {
  confirmPickup(id: $id, receiverDocument: $document) { order { status } errors { code message } }
}"""


@dataclass(frozen=True)
class Mail:
    """Where the company's ready e-mails go: a real SMTP server, set as the company's own provider."""

    services: Services
    tenant: Tenant
    smtp: LocalSmtpServer


async def company_smtp(mail: Mail) -> None:
    """The company's SMTP and hub details, through the hub's settings service (no screen sets them yet)."""
    owner = Principal(tenant_id=mail.tenant.id, role=Role.OWNER, method=AuthMethod.SESSION)
    async with mail.services.db.tenant(mail.tenant.id) as session:
        await hub_settings.update_settings(
            session, owner, mail.services.keyring, smtp_url=mail.smtp.url, smtp_from="hub@aurora.example", **HUB
        )


@dataclass(frozen=True)
class Sale:
    order_id: str
    shipment_id: str
    sku: str = MAPPED_SKU
    recipient: str = "João Pereira"


def _now(template: dict[str, Any]) -> str:
    zone = datetime.fromisoformat(template["date_created"]).tzinfo
    return datetime.now(zone).isoformat(timespec="milliseconds")


def sell(stack: Stack, sale: Sale) -> None:
    """Mercado Livre sells ``sale`` now: its shipment (no label yet) is stored, its order notified."""
    shipment: dict[str, Any] = copy.deepcopy(stack.sandbox.get("shipments", TEMPLATE_SHIPMENT))
    now = _now(shipment)
    shipment.update(id=int(sale.shipment_id), status="handling", substatus=None, date_created=now, last_updated=now)
    shipment["destination"]["receiver_name"] = sale.recipient
    stack.sandbox.put("shipments", sale.shipment_id, shipment)  # the order's notification brings it along
    order: dict[str, Any] = copy.deepcopy(stack.sandbox.get("orders", TEMPLATE_ORDER))
    order.update(
        id=int(sale.order_id),
        status="paid",
        date_created=now,
        date_closed=now,
        last_updated=now,
        shipping={"id": int(sale.shipment_id)},
    )
    order["order_items"][0]["item"].update(seller_sku=sale.sku, seller_custom_field=sale.sku)
    for number, payment in enumerate(order.get("payments") or [], start=1):
        payment.update(id=int(f"{sale.order_id[-6:]}{number:03d}"), order_id=int(sale.order_id), date_created=now)
    stack.sandbox.put("orders", sale.order_id, order, notify=True)


def release_label(stack: Stack, sale: Sale) -> None:
    """Mercado Livre makes the sale's label available (ready_to_ship / ready_to_print) and notifies."""
    shipment: dict[str, Any] = stack.sandbox.get("shipments", sale.shipment_id)
    shipment.update(status="ready_to_ship", substatus="ready_to_print", last_updated=_now(shipment))
    stack.sandbox.put("shipments", sale.shipment_id, shipment, notify=True)


async def hub_order(http: httpx.AsyncClient, code: str) -> dict[str, Any] | None:
    nodes = (await graphql(http, HUB_ORDER, search=code))["hubOrders"]["nodes"]
    return next((node for node in nodes if node["code"] == code), None)


async def wait_for_hub_order(
    http: httpx.AsyncClient, code: str, status: str, *, timeout_s: float = 30, **expected: Any
) -> dict[str, Any]:
    """The hub order ``code`` once it is in ``status`` (and its other fields are as ``expected``)."""
    deadline = time.monotonic() + timeout_s
    found: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        found = await hub_order(http, code)
        if found and found["status"] == status and all(found[key] == value for key, value in expected.items()):
            return found
        await asyncio.sleep(0.25)
    raise AssertionError(f"hub order {code} did not reach {status} {expected} within {timeout_s}s: {found}")


async def flags(http: httpx.AsyncClient) -> dict[str, bool]:
    return {flag["key"]: flag["enabled"] for flag in (await graphql(http, FLAGS))["featureFlags"]}


async def turn_hub_on(http: httpx.AsyncClient) -> None:
    for key in HUB_FLAGS:
        assert (await graphql(http, SET_FLAG, key=key))["setFeatureFlag"]["errors"] == []


async def map_sku(http: httpx.AsyncClient, external: str = MAPPED_SKU, internal: str = MAPPED_TO) -> None:
    answer = (await graphql(http, SET_SKU, external=external, internal=internal))["setSkuMapping"]
    assert answer["errors"] == [], answer


async def shelve(http: httpx.AsyncClient, order: dict[str, Any], position: str) -> None:
    for volume in order["volumes"]:
        answer = (await graphql(http, RECEIVE, id=volume["id"], position=position))["receiveHubVolume"]
        assert answer["errors"] == [], answer


# The board pictured: one order in each column (README's screenshot and the mapping scenario).
WAITING = Sale("2000009876598201", "44123498201", sku="KIT-PRESENTE-01", recipient="Maria Souza Lima")
RECEIVED = Sale("2000009876598202", "44123498202", recipient="João Pereira")
READY = Sale("2000009876598203", "44123498203", recipient="Carla Dias Moreira")
PICKED_UP = Sale("2000009876598204", "44123498204", recipient="Pedro Alves")


async def populate_board(stack: Stack, http: httpx.AsyncClient, mail: Mail | None = None) -> None:
    """The hub on, GT-INOX-1L mapped, and an order in each column: waiting on KIT-PRESENTE-01's mapping,
    received without its label, ready on shelf B-02, and picked up from C-03. With ``mail``, the ready ones'
    buyers gave an e-mail and their notices go out through it; without, they fail (no channel reaches them)."""
    await turn_hub_on(http)
    await map_sku(http)
    if mail is not None:
        await company_smtp(mail)
    for sale in (WAITING, RECEIVED, READY, PICKED_UP):
        await asyncio.to_thread(sell, stack, sale)
    await wait_for_hub_order(http, WAITING.order_id, "RECEBIDO", unmappedSkus=[WAITING.sku])
    await wait_for_hub_order(http, RECEIVED.order_id, "RECEBIDO", unmappedSkus=[])
    for sale, shelf in ((READY, "B-02"), (PICKED_UP, "C-03")):
        await asyncio.to_thread(release_label, stack, sale)
        labelled = await wait_for_hub_order(http, sale.order_id, "RECEBIDO", blockers=["VOLUMES_NOT_POSITIONED"])
        if mail is not None:
            email = f"{sale.recipient.split()[0].lower()}@example.com"
            answer = (await graphql(http, SET_EMAIL, id=labelled["id"], email=email))["setHubRecipientEmail"]
            assert answer["errors"] == [], answer
        await shelve(http, labelled, shelf)
        sent: dict[str, Any] = {"notifications": [{"status": "SENT", "channel": "email"}]} if mail else {}
        await wait_for_hub_order(http, sale.order_id, "PRONTO", **sent)
    picked = await hub_order(http, PICKED_UP.order_id)
    assert picked is not None
    answer = (await graphql(http, CONFIRM, id=picked["id"], document="123.456.789-09"))["confirmPickup"]
    assert answer["errors"] == [] and answer["order"]["status"] == "RETIRADO", answer
