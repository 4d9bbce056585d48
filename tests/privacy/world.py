"""A buyer with everything melihub can hold about them, stored through the real appliers (tests/hub, tests/kpis
payloads): two orders in a pack with a shipment to their address, post-sale messages both ways, a question, a
claim, a hub order with the recipient's document, phone and e-mail and a notification sent, and the
Mercado Livre notifications that brought them. A second buyer of the same seller stays untouched."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.events.models import IntegrationEvent
from melihub.hub.models import HubNotification
from melihub.testing.fixtures import SELLER_A
from tests.hub.world import NOW, hub_on
from tests.kpis import payloads
from tests.kpis.helpers import notify

BUYER, OTHER_BUYER = 700, 701
PACK = 2000000900
ORDERS = (2000000901, 2000000902)
OTHER_ORDER = 2000000903
SHIPMENT, OTHER_SHIPMENT = 45000000901, 45000000903
QUESTION = 13000000901
CLAIM = 5000000901
MESSAGES = ("0a0000000000000000000000000901", "0a0000000000000000000000000902")
# The buyer's personal data as Mercado Livre sends it: none of these strings may survive the erasure.
PII = {
    "nickname": "COMPRADOR_JOAO88",
    "first_name": "Joaquim",
    "last_name": "Pereirinha",
    "email": "joaquim.pereirinha@example.com",
    "phone": "11987654321",
    "document": "12345678909",
    "street": "Rua Tabapuã",
    "zip": "04533003",
    "receiver": "Joaquim Pereirinha da Silva",
    "question": "Entrega na Rua Tabapuã 1020?",
    "message": "Oi, sou o Joaquim, meu telefone é 11987654321",
}


def order(ml_id: int, *, version: int = 1, buyer: int = BUYER, pack: int | None = PACK) -> dict[str, Any]:
    raw = payloads.order(
        ml_id,
        seller=SELLER_A,
        buyer=buyer,
        created=NOW - timedelta(days=3),
        updated=NOW - timedelta(days=3) + timedelta(minutes=version),
        status="paid",
        lines=[("MLB3001", 2, Decimal("35.00"))],
        pack_id=pack,
        shipment_id=SHIPMENT if buyer == BUYER else OTHER_SHIPMENT,
    )
    if buyer == BUYER:
        raw["buyer"] = {
            "id": BUYER,
            "nickname": PII["nickname"],
            "first_name": PII["first_name"],
            "last_name": PII["last_name"],
            "email": PII["email"],
            "phone": {"area_code": "11", "number": PII["phone"][2:]},
            "billing_info": {"doc_type": "CPF", "doc_number": PII["document"]},
        }
        raw["comment"] = f"Deixar com {PII['first_name']}"
    return raw


def shipment(ml_id: int = SHIPMENT, *, version: int = 1, buyer: int = BUYER) -> dict[str, Any]:
    created = NOW - timedelta(days=3)
    raw = payloads.shipment(
        ml_id,
        created=created,
        updated=created + timedelta(minutes=version),
        status="ready_to_ship",
        substatus="ready_to_print",
        handling_limit=created + timedelta(hours=24),
    )
    raw["origin"] = {"sender_id": SELLER_A, "shipping_address": {"address_line": "Rua das Flores 210"}}
    street = PII["street"] if buyer == BUYER else "Avenida Paulista"
    raw["destination"] = {
        "receiver_id": buyer,
        "receiver_name": PII["receiver"] if buyer == BUYER else "Outra Pessoa",
        "receiver_phone": PII["phone"] if buyer == BUYER else "11900000000",
        "shipping_address": {
            "address_line": f"{street} 1020",
            "street_name": street,
            "street_number": "1020",
            "zip_code": PII["zip"] if buyer == BUYER else "01000000",
            "city": {"id": "BR-SP-44", "name": "São Paulo"},
            "state": {"id": "BR-SP", "name": "São Paulo"},
        },
    }
    return raw


def question(*, version: int = 1) -> dict[str, Any]:
    raw = payloads.question(QUESTION, seller=SELLER_A, item="MLB3001", created=NOW - timedelta(days=4), answered=None)
    raw["from"] = {"id": BUYER, "nickname": PII["nickname"]}
    raw["text"] = PII["question"] + ("" if version == 1 else " (editada)")
    return raw


def message(ml_id: str, *, sender: int, receiver: int, minutes: int = 0) -> dict[str, Any]:
    raw = payloads.message(ml_id, thread=PACK, sender=sender, receiver=receiver, created=NOW - timedelta(days=2))
    raw["text"] = PII["message"] if sender == BUYER else f"Olá {PII['first_name']}, enviamos hoje."
    return raw


def claim() -> dict[str, Any]:
    return {
        "id": CLAIM,
        "resource": "order",
        "resource_id": ORDERS[0],
        "status": "opened",
        "stage": "claim",
        "type": "mediations",
        "reason_id": "PNR",
        "date_created": payloads.ml_time(NOW - timedelta(days=1)),
        "last_updated": payloads.ml_time(NOW - timedelta(days=1)),
        "players": [
            {"role": "complainant", "type": "buyer", "user_id": BUYER, "available_actions": []},
            {"role": "respondent", "type": "seller", "user_id": SELLER_A, "available_actions": []},
        ],
    }


@dataclass(frozen=True)
class Seeded:
    customer_id: uuid.UUID
    other_customer_id: uuid.UUID
    hub_order_id: uuid.UUID


async def _event(db: Database, account: MeliAccount, topic: str, resource: str, email: str) -> None:
    async with db.tenant(account.tenant_id) as session:
        session.add(
            IntegrationEvent(
                tenant_id=account.tenant_id,
                meli_account_id=account.id,
                notification_id=f"{topic}:{resource}",
                topic=topic,
                resource=resource,
                ml_user_id=SELLER_A,
                # Not what Mercado Livre sends today (ids only), but a payload may carry more: scrubbed all the same.
                payload={"resource": resource, "user_id": SELLER_A, "topic": topic, "buyer": {"email": email}},
                status="processed",
            )
        )


async def seed(db: Database, account: MeliAccount) -> Seeded:
    await hub_on(db, account)
    await notify(db, account, "shipment", shipment())
    for ml_id in ORDERS:
        await notify(db, account, "order", order(ml_id))
    await notify(db, account, "shipment", shipment(OTHER_SHIPMENT, buyer=OTHER_BUYER))
    await notify(db, account, "order", order(OTHER_ORDER, buyer=OTHER_BUYER, pack=None))
    await notify(db, account, "question", question())
    await notify(db, account, "message", message(MESSAGES[0], sender=BUYER, receiver=SELLER_A))
    await notify(db, account, "message", message(MESSAGES[1], sender=SELLER_A, receiver=BUYER))
    await notify(db, account, "claim", claim())
    await _event(db, account, "orders_v2", f"/orders/{ORDERS[0]}", PII["email"])
    await _event(db, account, "shipments", f"/shipments/{SHIPMENT}", PII["email"])
    await _event(db, account, "orders_v2", f"/orders/{OTHER_ORDER}", "outra@example.com")
    async with db.tenant(account.tenant_id) as session:
        rows = (await session.exec(text("SELECT id, ml_user_id FROM customers"))).all()  # type: ignore[call-overload]
        ids = {row.ml_user_id: row.id for row in rows}
        hub = (
            await session.exec(text("SELECT id FROM hub_orders WHERE external_id = :e"), params={"e": str(PACK)})
        ).one()  # type: ignore[call-overload]
        # What the hub is given beside Mercado Livre's data: the billing document and an e-mail address.
        await session.exec(  # type: ignore[call-overload]
            text("UPDATE hub_orders SET recipient_document = :d, recipient_email = :e WHERE id = :id"),
            params={"d": PII["document"], "e": PII["email"], "id": hub.id},
        )
        session.add(
            HubNotification(
                tenant_id=account.tenant_id,
                hub_order_id=hub.id,
                channel="email",
                reason="ready",
                dedupe_key=f"ready:{hub.id}",
                status="SENT",
                attempts=1,
                destination="j***@example.com",
                last_error=f"first try bounced for {PII['email']}",
            )
        )
    return Seeded(customer_id=ids[BUYER], other_customer_id=ids[OTHER_BUYER], hub_order_id=hub.id)


async def dump(db: Database, account: MeliAccount, table: str) -> str:
    """Every row of ``table`` of the account's tenant as JSON text: what the "no PII left" checks search."""
    async with db.tenant(account.tenant_id) as session:
        rows = (await session.exec(text(f"SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]')::text FROM {table} t"))).one()  # type: ignore[call-overload]
    return str(rows[0])
