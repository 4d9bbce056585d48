"""The rows of each table kind of export: one SQL statement each, streamed in the order the file shows.

ORDERS has one row per order (not per line): its lines summarised (``2x Title [SKU]; …``) with its units,
the buyer's nickname, status, dates, total, refunded (the payments' ``transaction_amount_refunded``,
capped at the total, as the KPIs count it), net, and the shipment's status. LISTINGS has one row per
listing with its variations' SKUs; QUESTIONS one per question with its answer and response time;
SHIPMENTS one per shipment with the orders it carries.

Every statement is limited to the tenant and to the export's accounts, and converts times to the
tenant's zone (``AT TIME ZONE``), so the writers never convert a row. An order's lines and payments
are looked up per row (``LATERAL``) after the sort: the first rows leave at once and the rest stream while
the worker writes the file, instead of PostgreSQL aggregating and sorting everything first
(bench/exports).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import TextClause, text

from melihub.exports.columns import CellType, Column
from melihub.exports.models import ExportKind

C = CellType


@dataclass(frozen=True)
class Source:
    columns: tuple[Column, ...]
    select: str  # the SELECT list and FROM of the statement; WHERE and ORDER BY are added
    table: str  # the filtered table and its alias, as in FROM
    time_column: str  # what a range filters on
    order_by: str


ORDERS = Source(
    columns=(
        Column("order", width=18),
        Column("pack", width=18),
        Column("account", width=18),
        Column("created", C.DATETIME, 16),
        Column("paid", C.DATETIME, 16),
        Column("status", width=16),
        Column("buyer", width=18),
        Column("items", width=48),
        Column("units", C.INTEGER, 9),
        Column("currency", width=8),
        Column("total", C.MONEY, 14, currency_of=9),
        Column("refunded", C.MONEY, 14, currency_of=9),
        Column("net", C.MONEY, 14, currency_of=9),
        Column("shipment", width=14),
        Column("shipment_status", width=16),
        Column("shipment_substatus", width=18),
    ),
    select="""
SELECT o.ml_id::text, o.pack_id::text, a.nickname,
       o.date_created AT TIME ZONE :zone, o.date_closed AT TIME ZONE :zone, o.status, c.nickname,
       li.items, li.units, o.currency_id, o.total_amount,
       LEAST(pay.refunded, o.total_amount), o.total_amount - LEAST(pay.refunded, o.total_amount),
       o.shipment_ml_id::text, s.status, s.substatus
FROM orders o
JOIN meli_accounts a ON a.id = o.meli_account_id
LEFT JOIN customers c ON c.id = o.customer_id
LEFT JOIN LATERAL (
    SELECT string_agg(oi.quantity || 'x ' || oi.title || coalesce(' [' || oi.sku || ']', ''), '; '
                      ORDER BY oi.line_no) AS items,
           sum(oi.quantity)::int AS units
    FROM order_items oi WHERE oi.order_id = o.id
) li ON true
LEFT JOIN LATERAL (
    SELECT coalesce(sum(p.transaction_amount_refunded), 0) AS refunded FROM payments p WHERE p.order_id = o.id
) pay ON true
LEFT JOIN LATERAL (
    SELECT sh.status, sh.substatus FROM shipments sh WHERE sh.tenant_id = o.tenant_id AND sh.ml_id = o.shipment_ml_id
) s ON true""",
    table="orders o",
    time_column="o.date_created",
    order_by="o.date_created, o.id",
)

LISTINGS = Source(
    columns=(
        Column("listing", width=16),
        Column("account", width=18),
        Column("title", width=48),
        Column("status", width=10),
        Column("sku", width=16),
        Column("variation_skus", width=32),
        Column("variations", C.INTEGER, 10),
        Column("currency", width=8),
        Column("price", C.MONEY, 14, currency_of=7),
        Column("stock", C.INTEGER, 9),
        Column("sold", C.INTEGER, 9),
        Column("listing_type", width=14),
        Column("free_shipping", width=10),
        Column("logistic_type", width=14),
        Column("updated", C.DATETIME, 16),
        Column("link", width=40),
    ),
    select="""
SELECT i.ml_id, a.nickname, i.title, i.status, i.sku, v.skus, coalesce(v.count, 0), i.currency_id, i.price,
       i.available_quantity, i.sold_quantity, i.listing_type_id,
       CASE WHEN i.free_shipping THEN :yes ELSE :no END, i.logistic_type,
       i.synced_at AT TIME ZONE :zone, i.permalink
FROM items i
JOIN meli_accounts a ON a.id = i.meli_account_id
LEFT JOIN LATERAL (
    SELECT string_agg(va.sku, ', ' ORDER BY va.ml_id) AS skus, count(*)::int AS count
    FROM variations va WHERE va.item_id = i.id
) v ON true""",
    table="items i",
    time_column="i.synced_at",
    order_by="i.ml_id, i.id",
)

QUESTIONS = Source(
    columns=(
        Column("question", width=16),
        Column("account", width=18),
        Column("listing", width=16),
        Column("title", width=36),
        Column("status", width=14),
        Column("text", width=48),
        Column("asked", C.DATETIME, 16),
        Column("answer", width=48),
        Column("answered", C.DATETIME, 16),
        Column("response_minutes", C.DECIMAL, 12),
        Column("buyer", width=14),
    ),
    select="""
SELECT q.ml_id::text, a.nickname, q.item_ml_id, i.title, q.status, q.text,
       q.date_created AT TIME ZONE :zone, q.answer_text, q.answered_at AT TIME ZONE :zone,
       round((extract(epoch FROM q.answered_at - q.date_created) / 60)::numeric, 1), q.from_ml_user_id::text
FROM questions q
JOIN meli_accounts a ON a.id = q.meli_account_id
LEFT JOIN items i ON i.tenant_id = q.tenant_id AND i.ml_id = q.item_ml_id""",
    table="questions q",
    time_column="q.date_created",
    order_by="q.date_created, q.id",
)

SHIPMENTS = Source(
    columns=(
        Column("shipment", width=14),
        Column("account", width=18),
        Column("orders", width=36),
        Column("status", width=14),
        Column("substatus", width=18),
        Column("mode", width=8),
        Column("logistic_type", width=14),
        Column("tracking", width=18),
        Column("created", C.DATETIME, 16),
        Column("handling_limit", C.DATETIME, 16),
        Column("delivery_limit", C.DATETIME, 16),
        Column("receiver", width=24),
        Column("city", width=18),
        Column("state", width=6),
        Column("label_printed", C.DATETIME, 16),
    ),
    select="""
SELECT s.ml_id::text, a.nickname, o.orders, s.status, s.substatus, s.mode, s.logistic_type, s.tracking_number,
       s.date_created AT TIME ZONE :zone, s.handling_limit AT TIME ZONE :zone,
       s.estimated_delivery_limit AT TIME ZONE :zone, s.receiver_name, s.destination_city, s.destination_state,
       s.label_printed_at AT TIME ZONE :zone
FROM shipments s
JOIN meli_accounts a ON a.id = s.meli_account_id
LEFT JOIN LATERAL (
    SELECT string_agg(od.ml_id::text, ', ' ORDER BY od.ml_id) AS orders
    FROM orders od WHERE od.tenant_id = s.tenant_id AND od.shipment_ml_id = s.ml_id
) o ON true""",
    table="shipments s",
    time_column="s.date_created",
    order_by="s.date_created, s.id",
)

SOURCES: dict[ExportKind, Source] = {
    ExportKind.ORDERS: ORDERS,
    ExportKind.LISTINGS: LISTINGS,
    ExportKind.QUESTIONS: QUESTIONS,
    ExportKind.SHIPMENTS: SHIPMENTS,
}


@dataclass(frozen=True)
class Selection:
    """Which rows of a source: the tenant, its accounts (None: all), a UTC span, statuses."""

    tenant_id: uuid.UUID
    account_ids: Sequence[uuid.UUID] | None
    start: datetime | None = None
    end: datetime | None = None
    statuses: Sequence[str] | None = None


def _where(source: Source, selection: Selection) -> tuple[str, dict[str, Any]]:
    alias = source.table.split()[1]
    clauses = [f"{alias}.tenant_id = :tenant"]
    params: dict[str, Any] = {"tenant": selection.tenant_id}
    if selection.account_ids is not None:
        clauses.append(f"{alias}.meli_account_id = ANY(:accounts)")
        params["accounts"] = list(selection.account_ids)
    if selection.start is not None and selection.end is not None:
        clauses.append(f"{source.time_column} >= :start AND {source.time_column} < :end")
        params.update(start=selection.start, end=selection.end)
    if selection.statuses is not None:
        clauses.append(f"{alias}.status = ANY(:statuses)")
        params["statuses"] = list(selection.statuses)
    return " AND ".join(clauses), params


def rows_statement(source: Source, selection: Selection, zone: str, words: dict[str, str]) -> TextClause:
    where, params = _where(source, selection)
    params["zone"] = zone
    if source is LISTINGS:
        params.update(yes=words["yes"], no=words["no"])
    return text(f"{source.select}\nWHERE {where}\nORDER BY {source.order_by}").bindparams(**params)


# How each type of cell reads in the CSV (docs/exports.md), computed by PostgreSQL: it does so while the
# worker writes the previous batch, and the worker's CSV writer then only joins the fields.
CSV_CELLS: dict[CellType, str] = {
    C.TEXT: "CASE WHEN left({0}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN chr(39) || {0} ELSE {0} END",
    C.INTEGER: "{0}",
    C.MONEY: "replace({0}::text, '.', ',')",
    C.DECIMAL: "replace({0}::text, '.', ',')",
    C.DATETIME: "to_char({0}, 'DD/MM/YYYY HH24:MI')",
    C.DATE: "to_char({0}, 'DD/MM/YYYY')",
}


def csv_rows_statement(source: Source, selection: Selection, zone: str, words: dict[str, str]) -> TextClause:
    """The rows as the CSV's text fields (None: an empty field), in the order of ``rows_statement``."""
    inner = rows_statement(source, selection, zone, words)
    names = [f"c{index}" for index in range(len(source.columns))]
    cells = ", ".join(
        CSV_CELLS[column.type].format(f"t.{name}") for column, name in zip(source.columns, names, strict=True)
    )
    # A projection of an ordered subquery keeps its order in PostgreSQL (no join, no aggregate above it).
    outer = f"SELECT {cells} FROM ({inner.text}) AS t({', '.join(names)})"
    return text(outer).bindparams(**inner.compile().params)


def count_statement(source: Source, selection: Selection) -> TextClause:
    where, params = _where(source, selection)
    return text(f"SELECT count(*) FROM {source.table} WHERE {where}").bindparams(**params)
