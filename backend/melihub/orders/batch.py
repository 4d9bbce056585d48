"""A page of orders applied in a handful of statements, by :func:`melihub.orders.service.apply_order`'s rules.

Buyers, order rows (claimed and version-guarded as one), lines (replaced as sets) and payments each take one
statement for the whole page instead of several per order: a sync's pages, where per-order statements were
the largest share of a worker's CPU. An order named twice keeps its newest version.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.bulk import Incoming, apply_resources
from melihub.db.idempotent import EPOCH, ApplyResult, excluded_of, table_of, version_of
from melihub.meli.values import as_dict, as_int, ml_int_id
from melihub.orders.models import Customer, Order, OrderItem
from melihub.orders.service import ENTITY, KEY_TYPE, order_item_rows, order_values, upsert_payments_of

Buyer = tuple[str | None, datetime | None, datetime | None]  # nickname, first and last order


def _buyers(orders: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[int, Buyer]:
    buyers: dict[int, Buyer] = {}
    for raw, values in orders:
        buyer = as_dict(raw.get("buyer"))
        ml_user_id = as_int(buyer.get("id"))
        if ml_user_id is None:
            continue
        at = values["date_created"]
        nickname, first, last = buyers.get(ml_user_id, (None, at, at))
        times = [t for t in (first, last, at) if t is not None]
        buyers[ml_user_id] = (buyer.get("nickname") or nickname, min(times, default=None), max(times, default=None))
    return buyers


async def _upsert_customers(session: AsyncSession, account: MeliAccount, buyers: dict[int, Buyer]) -> dict[int, Any]:
    if not buyers:
        return {}
    table = table_of(Customer)
    rows = [
        {
            "id": uuid.uuid4(),
            "tenant_id": account.tenant_id,
            "ml_user_id": ml_user_id,
            "nickname": nickname,
            "site_id": account.site_id,
            "first_order_at": first,
            "last_order_at": last,
        }
        for ml_user_id, (nickname, first, last) in sorted(buyers.items())  # one lock order for every page
    ]
    excluded = excluded_of(table)
    statement = (
        insert(table)
        .values(rows)
        .on_conflict_do_update(
            index_elements=[table.c.tenant_id, table.c.ml_user_id],
            set_={
                "nickname": func.coalesce(excluded.nickname, table.c.nickname),
                "site_id": func.coalesce(table.c.site_id, excluded.site_id),
                "first_order_at": func.least(table.c.first_order_at, excluded.first_order_at),
                "last_order_at": func.greatest(table.c.last_order_at, excluded.last_order_at),
            },
        )
        .returning(table.c.id, table.c.ml_user_id)
    )
    return {ml_user_id: row_id for row_id, ml_user_id in (await session.exec(statement)).all()}


async def _replace_lines_and_payments(
    session: AsyncSession, account: MeliAccount, written: list[tuple[Any, dict[str, Any]]]
) -> None:
    items = table_of(OrderItem)
    await session.exec(delete(items).where(col(items.c.order_id).in_([order_id for order_id, _ in written])))
    lines = [row for order_id, raw in written for row in order_item_rows(account, order_id, raw)]
    if lines:
        await session.exec(insert(items).values(lines))
    await upsert_payments_of(session, account, written)


def _at(raw: dict[str, Any]) -> datetime:
    return version_of(raw, "last_updated", "date_last_updated").at or EPOCH


async def apply_orders(session: AsyncSession, account: MeliAccount, raws: list[dict[str, Any]]) -> list[ApplyResult]:
    newest: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
    for raw in raws:
        values = order_values(raw)
        ml_id = ml_int_id(raw, "order")
        held = newest.get(ml_id)
        if held is None or _at(raw) >= _at(held[0]):
            newest[ml_id] = (raw, values)
    customers = await _upsert_customers(session, account, _buyers(list(newest.values())))
    incoming = []
    for ml_id, (raw, values) in newest.items():
        values["customer_id"] = customers.get(as_int(as_dict(raw.get("buyer")).get("id")) or -1)
        incoming.append(Incoming(ml_id, raw, version_of(raw, "last_updated", "date_last_updated"), values))
    results = await apply_resources(session, account, Order, entity_type=ENTITY, key_type=KEY_TYPE, incoming=incoming)
    written = [(r.entity_id, newest[int(r.external_id)][0]) for r in results if r.changed and r.entity_id]
    if written:
        await _replace_lines_and_payments(session, account, written)
    return results
