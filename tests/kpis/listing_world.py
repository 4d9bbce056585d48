"""Building blocks of helper B's KPI tests: listings, orders and questions as Mercado Livre sends them,
applied through the real appliers and the one upkeep hook (``kpis.upkeep.after_apply``)."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from melihub.catalog.service import apply_item
from melihub.connections.models import MeliAccount
from melihub.kpis import upkeep
from melihub.orders.service import apply_order
from melihub.questions.service import apply_question
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture

ML_OFFSET = "-04:00"


def ml_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def item_raw(ml_id: str, quantity: int, updated: datetime, *, seller: int, status: str = "active") -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture("items/MLB3012345602.json"))
    raw.update(
        {
            "id": ml_id,
            "seller_id": seller,
            "available_quantity": quantity,
            "status": status,
            "variations": [],
            "last_updated": ml_time(updated),
            "date_created": "2024-01-01T00:00:00.000Z",
        }
    )
    return raw


def order_raw(
    ml_id: int,
    *,
    seller: int,
    item: str,
    quantity: int,
    unit_price: Decimal,
    created: datetime,
    status: str = "paid",
    buyer: int = 1501234987,
    refunded: Decimal = Decimal(0),
    currency: str = "BRL",
    updated: datetime | None = None,
    pack_id: int | None = None,
) -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture("orders/2000009876543202.json"))
    total = unit_price * quantity
    line = raw["order_items"][0]
    line["item"].update({"id": item, "variation_id": None})
    line.update({"quantity": quantity, "unit_price": float(unit_price), "full_unit_price": float(unit_price)})
    line["currency_id"] = currency
    payment = raw["payments"][0]
    payment.update(
        {
            "id": ml_id % 10**11,
            "order_id": ml_id,
            "transaction_amount": float(total),
            "total_paid_amount": float(total),
            "transaction_amount_refunded": float(refunded),
            "currency_id": currency,
            "status": "refunded" if refunded else "approved",
        }
    )
    raw.update(
        {
            "id": ml_id,
            "pack_id": pack_id,
            "status": status,
            "total_amount": float(total),
            "paid_amount": float(total),
            "currency_id": currency,
            "date_created": created.astimezone(UTC).isoformat(timespec="milliseconds"),
            "last_updated": (updated or created).astimezone(UTC).isoformat(timespec="milliseconds"),
            "buyer": {"id": buyer, "nickname": f"BUYER{buyer}"},
            "seller": {"id": seller},
            "shipping": {"id": None},
        }
    )
    return raw


def question_raw(ml_id: int, *, seller: int, item: str, created: datetime) -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture("questions/13012345602.json"))
    raw.update(
        {
            "id": ml_id,
            "item_id": item,
            "seller_id": seller,
            "status": "UNANSWERED",
            "answer": None,
            "date_created": created.astimezone(UTC).isoformat(timespec="milliseconds"),
        }
    )
    return raw


async def apply_items(services: Services, account: MeliAccount, raws: list[dict[str, Any]]) -> list[uuid.UUID]:
    ids = []
    for raw in raws:
        async with services.db.tenant(account.tenant_id) as session:
            result = await apply_item(session, account, raw)
            await upkeep.after_apply(session, account, [result])
        assert result.entity_id is not None
        ids.append(result.entity_id)
    return ids


async def apply_orders(services: Services, account: MeliAccount, raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        async with services.db.tenant(account.tenant_id) as session:
            result = await apply_order(session, account, raw)
            await upkeep.after_apply(session, account, [result])


async def apply_questions(services: Services, account: MeliAccount, raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        async with services.db.tenant(account.tenant_id) as session:
            result = await apply_question(session, account, raw)
            await upkeep.after_apply(session, account, [result])


async def sql(services: Services, tenant_id: uuid.UUID, statement: str, **params: Any) -> list[Any]:
    async with services.db.tenant(tenant_id) as session:
        result = await session.exec(text(statement), params=params)  # type: ignore[call-overload]
        return list(result.all()) if result.returns_rows else []


def days_ago(days: float, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - timedelta(days=days)
