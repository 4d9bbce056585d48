"""Orders from Mercado Livre: the order row, its lines, payments and buyer, applied idempotently."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult, apply_resource, excluded_of, table_of, version_of
from melihub.meli.values import as_dict, as_int, dig, ml_int_id, ml_time, money
from melihub.orders.models import Customer, Order, OrderItem, Payment

ENTITY = "order"
KEY_TYPE = "ORDER"


def order_values(raw: dict[str, Any]) -> dict[str, Any]:
    """The order row's columns from ``GET /orders/{id}``."""
    tags = raw.get("tags") or []
    return {
        "pack_id": as_int(raw.get("pack_id")),
        "status": str(raw.get("status") or "unknown"),
        "status_detail": raw.get("status_detail") if isinstance(raw.get("status_detail"), str) else None,
        "date_created": ml_time(raw.get("date_created")),
        "date_closed": ml_time(raw.get("date_closed")),
        "total_amount": money(raw.get("total_amount")),
        "paid_amount": money(raw.get("paid_amount")),
        "currency_id": str(raw.get("currency_id") or ""),
        "buyer_ml_id": as_int(dig(raw, "buyer", "id")),
        "shipment_ml_id": as_int(dig(raw, "shipping", "id")),
        "tags": [str(tag) for tag in tags if tag is not None],
    }


async def apply_order(
    session: AsyncSession, account: MeliAccount, raw: dict[str, Any], *, event_id: uuid.UUID | None = None
) -> ApplyResult:
    """Upsert the order (never with an older version), its buyer, lines (as a set) and payments."""
    ml_id = ml_int_id(raw, "order")
    values = order_values(raw)
    # The buyer first, so the order row is written once with its customer (not inserted, then updated).
    values["customer_id"] = await upsert_customer(session, account, raw.get("buyer"), values["date_created"])
    result = await apply_resource(
        session,
        account,
        Order,
        entity_type=ENTITY,
        key_type=KEY_TYPE,
        ml_id=ml_id,
        raw=raw,
        version=version_of(raw, "last_updated", "date_last_updated"),
        values=values,
        event_id=event_id,
    )
    if not result.changed or result.entity_id is None:
        return result
    order_id = result.entity_id
    await replace_order_items(session, account, order_id, raw)
    await upsert_payments(session, account, order_id, raw)
    return result


async def upsert_customer(
    session: AsyncSession, account: MeliAccount, buyer: Any, ordered_at: datetime | None
) -> uuid.UUID | None:
    """The buyer as a customer of this tenant; first/last order times widen, never shrink."""
    ml_user_id = as_int(as_dict(buyer).get("id"))
    if ml_user_id is None:
        return None
    table = table_of(Customer)
    nickname = as_dict(buyer).get("nickname")
    statement = insert(table).values(
        id=uuid.uuid4(),
        tenant_id=account.tenant_id,
        ml_user_id=ml_user_id,
        nickname=nickname,
        site_id=account.site_id,
        first_order_at=ordered_at,
        last_order_at=ordered_at,
    )
    excluded = excluded_of(table)
    upsert = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.ml_user_id],
        set_={
            "nickname": func.coalesce(excluded.nickname, table.c.nickname),
            "site_id": func.coalesce(table.c.site_id, excluded.site_id),
            "first_order_at": func.least(table.c.first_order_at, excluded.first_order_at),
            "last_order_at": func.greatest(table.c.last_order_at, excluded.last_order_at),
        },
    ).returning(table.c.id)
    row = (await session.exec(upsert)).first()
    return row[0] if row else None


def order_item_rows(account: MeliAccount, order_id: uuid.UUID, raw: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for line_no, line in enumerate(raw.get("order_items") or [], start=1):
        item = as_dict(as_dict(line).get("item"))
        rows.append(
            {
                "id": uuid.uuid4(),
                "tenant_id": account.tenant_id,
                "order_id": order_id,
                "line_no": line_no,
                "item_ml_id": str(item.get("id") or ""),
                "variation_ml_id": as_int(item.get("variation_id")),
                "title": str(item.get("title") or ""),
                "sku": item.get("seller_sku") or item.get("seller_custom_field") or None,
                "quantity": as_int(line.get("quantity")) or 0,
                "unit_price": money(line.get("unit_price")) or money(0),
                "full_unit_price": money(line.get("full_unit_price")),
                "sale_fee": money(line.get("sale_fee")),
                "currency_id": str(line.get("currency_id") or raw.get("currency_id") or ""),
            }
        )
    return rows


async def replace_order_items(
    session: AsyncSession, account: MeliAccount, order_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    """Lines are replaced as a set: a re-apply never duplicates them."""
    table = table_of(OrderItem)
    await session.exec(delete(table).where(table.c.order_id == order_id))
    rows = order_item_rows(account, order_id, raw)
    if rows:
        await session.exec(insert(table).values(rows))


def payment_values(payment: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": str(payment.get("status") or "unknown"),
        "status_detail": payment.get("status_detail"),
        "transaction_amount": money(payment.get("transaction_amount")),
        "total_paid_amount": money(payment.get("total_paid_amount")),
        "transaction_amount_refunded": money(payment.get("transaction_amount_refunded")),
        "shipping_cost": money(payment.get("shipping_cost")),
        "currency_id": str(payment.get("currency_id") or raw.get("currency_id") or ""),
        "payment_method_id": payment.get("payment_method_id"),
        "payment_type": payment.get("payment_type"),
        "installments": as_int(payment.get("installments")),
        "date_created": ml_time(payment.get("date_created")),
        "date_approved": ml_time(payment.get("date_approved")),
        "date_last_modified": ml_time(payment.get("date_last_modified")),
    }


async def upsert_payments(
    session: AsyncSession, account: MeliAccount, order_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    """Payments by ML payment id (the order's version already guards against older data)."""
    await upsert_payments_of(session, account, [(order_id, raw)])


async def upsert_payments_of(
    session: AsyncSession, account: MeliAccount, orders: list[tuple[uuid.UUID, dict[str, Any]]]
) -> None:
    """The payments of several orders in one statement (a repeated payment id keeps the last)."""
    table = table_of(Payment)
    rows: dict[int, dict[str, Any]] = {}
    for order_id, raw in orders:
        for payment in raw.get("payments") or []:
            ml_id = as_int(as_dict(payment).get("id"))
            if ml_id is not None:
                rows[ml_id] = {
                    "id": uuid.uuid4(),
                    "tenant_id": account.tenant_id,
                    "order_id": order_id,
                    "ml_id": ml_id,
                    **payment_values(payment, raw),
                }
    if not rows:
        return
    excluded = excluded_of(table)
    updated = [name for name in next(iter(rows.values())) if name not in ("id", "tenant_id", "ml_id")]
    statement = insert(table).values(list(rows.values()))
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.ml_id], set_={name: excluded[name] for name in updated}
    )
    await session.exec(statement)


async def order_ml_id_of_payment(session: AsyncSession, payment_id: int) -> int | None:
    """The ML id of the order holding this ML payment (None when we do not know the payment yet)."""
    payments, orders = table_of(Payment), table_of(Order)
    statement = (
        select(orders.c.ml_id)
        .select_from(payments.join(orders, orders.c.id == payments.c.order_id))
        .where(payments.c.ml_id == int(payment_id))
    )
    found = (await session.exec(statement)).first()
    return int(found) if found is not None else None


async def orders_of_pack(session: AsyncSession, pack_id: int) -> list[int]:
    """ML ids of the orders sharing a pack (cart), oldest first."""
    orders = table_of(Order)
    statement = (
        select(orders.c.ml_id).where(orders.c.pack_id == int(pack_id)).order_by(orders.c.date_created, orders.c.ml_id)
    )
    return [int(ml_id) for ml_id in (await session.exec(statement)).all()]
