"""Mercado Livre payloads of the shapes the reference gives (orders §6, shipments §7, questions §8,
messages §9), built from a few facts, for the KPI tests to apply through the real appliers."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from melihub.meli.connector import Fetched
from melihub.resources.registry import Bundle


def ml_time(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def order(
    ml_id: int,
    *,
    seller: int,
    buyer: int,
    created: datetime,
    updated: datetime,
    status: str,
    lines: list[tuple[str, int, Decimal]],
    currency: str = "BRL",
    pack_id: int | None = None,
    refunded: Decimal = Decimal("0"),
    shipment_id: int | None = None,
) -> dict[str, Any]:
    total = sum((quantity * price for _, quantity, price in lines), Decimal("0"))
    return {
        "id": ml_id,
        "date_created": ml_time(created),
        "last_updated": ml_time(updated),
        "date_closed": ml_time(created),
        "pack_id": pack_id,
        "status": status,
        "status_detail": None,
        "total_amount": float(total),
        "paid_amount": float(total),
        "currency_id": currency,
        "order_items": [
            {
                "item": {"id": item, "title": f"Produto {item}", "variation_id": None, "seller_sku": None},
                "quantity": quantity,
                "unit_price": float(price),
                "full_unit_price": float(price),
                "currency_id": currency,
                "sale_fee": 0,
            }
            for item, quantity, price in lines
        ],
        "payments": [
            {
                "id": ml_id * 10 + 1,
                "order_id": ml_id,
                "status": "refunded" if refunded >= total and refunded > 0 else "approved",
                "status_detail": None,
                "currency_id": currency,
                "transaction_amount": float(total),
                "transaction_amount_refunded": float(refunded),
                "total_paid_amount": float(total),
                "shipping_cost": 0,
                "payment_method_id": "pix",
                "payment_type": "bank_transfer",
                "installments": 1,
                "date_created": ml_time(created),
                "date_approved": ml_time(created),
                "date_last_modified": ml_time(updated),
            }
        ],
        "shipping": {"id": shipment_id} if shipment_id else {},
        "tags": ["paid"] if status in ("paid", "partially_refunded") else [],
        "buyer": {"id": buyer, "nickname": f"BUYER{buyer}"},
        "seller": {"id": seller},
    }


def shipment(
    ml_id: int,
    *,
    created: datetime,
    updated: datetime,
    status: str,
    substatus: str | None = None,
    handling_limit: datetime | None = None,
    date_shipped: datetime | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": ml_id,
        "status": status,
        "substatus": substatus,
        "date_created": ml_time(created),
        "last_updated": ml_time(updated),
        "logistic": {"mode": "me2", "type": "drop_off", "direction": "forward"},
        "lead_time": {
            "estimated_handling_limit": {"date": ml_time(handling_limit)} if handling_limit else None,
            "estimated_delivery_time": {"handling": 24},
        },
    }
    if date_shipped is not None:
        payload["status_history"] = {"date_shipped": ml_time(date_shipped)}
    return payload


def question(
    ml_id: int, *, seller: int, item: str, created: datetime, answered: datetime | None, buyer: int = 77
) -> dict[str, Any]:
    return {
        "id": ml_id,
        "item_id": item,
        "seller_id": seller,
        "status": "ANSWERED" if answered else "UNANSWERED",
        "text": "Tem pronta entrega?",
        "tags": [],
        "date_created": ml_time(created),
        "deleted_from_listing": False,
        "hold": False,
        "answer": {"text": "Temos sim!", "status": "ACTIVE", "date_created": ml_time(answered)} if answered else None,
        "from": {"id": buyer},
    }


def message(ml_id: str, *, thread: int, sender: int, receiver: int, created: datetime) -> dict[str, Any]:
    return {
        "id": ml_id,
        "site_id": "MLB",
        "from": {"user_id": sender},
        "to": {"user_id": receiver},
        "status": "available",
        "text": "Olá!",
        "message_date": {"received": ml_time(created), "available": ml_time(created), "created": ml_time(created)},
        "message_moderation": {"status": "clean", "moderation_date": ml_time(created)},
        "message_resources": [{"id": str(thread), "name": "packs"}],
    }


def bundle(kind: str, raw: dict[str, Any]) -> Bundle:
    return Bundle(Fetched("MLB", kind, str(raw["id"]), raw))


def later(moment: datetime, minutes: int) -> datetime:
    return moment + timedelta(minutes=minutes)
