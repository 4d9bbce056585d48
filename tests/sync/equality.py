"""The database equals the sandbox's ``/_sandbox/export`` for the sellers a tenant linked.

Compared per resource, field by field: orders (status, totals, buyer, shipment), their lines (item,
variation, quantity, unit price), payments (status, amounts), shipments (status, substatus), listings
(status, price, stock, title), variations (price, stock) and questions (status, text, answer). Only
orders search can reach count: those created in the last 12 months of the world's clock.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from melihub.sandbox.world import parse_time


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


async def _rows(session: Any, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in (await session.exec(text(sql))).all()]


def expected_orders(truth: dict[str, Any], sellers: set[int], clock_ms: int | None = None) -> dict[int, Any]:
    orders = {}
    horizon = None if clock_ms is None else parse_time_ms(clock_ms) - timedelta(days=365)
    for key, raw in truth.get("orders", {}).items():
        if int(raw["seller"]["id"]) not in sellers:
            continue
        if horizon is not None and (parse_time(raw.get("date_created")) or horizon) < horizon:
            continue
        orders[int(key)] = raw
    return orders


def parse_time_ms(clock_ms: int) -> Any:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(clock_ms / 1000, tz=UTC)


async def assert_database_equals_export(
    services: Any, tenant_id: Any, truth: dict[str, Any], sellers: set[int]
) -> dict[str, int]:
    """Raises with the first difference; returns how many of each resource were compared."""
    orders = expected_orders(truth, sellers)
    async with services.db.tenant(tenant_id) as session:
        stored_orders = {
            r[0]: r[1:]
            for r in await _rows(
                session, "SELECT ml_id, status, total_amount, paid_amount, buyer_ml_id, shipment_ml_id FROM orders"
            )
        }
        lines = await _rows(
            session,
            "SELECT o.ml_id, i.line_no, i.item_ml_id, i.variation_ml_id, i.quantity, i.unit_price "
            "FROM order_items i JOIN orders o ON o.id = i.order_id ORDER BY 1, 2",
        )
        payments = {
            r[0]: r[1:]
            for r in await _rows(session, "SELECT ml_id, status, transaction_amount, total_paid_amount FROM payments")
        }
        shipments = {r[0]: r[1:] for r in await _rows(session, "SELECT ml_id, status, substatus FROM shipments")}
        listings = {
            r[0]: r[1:]
            for r in await _rows(session, "SELECT ml_id, status, price, available_quantity, title FROM items")
        }
        variations = {
            r[0]: r[1:] for r in await _rows(session, "SELECT ml_id, price, available_quantity FROM variations")
        }
        questions = {
            r[0]: r[1:] for r in await _rows(session, "SELECT ml_id, status, text, answer_text FROM questions")
        }
    assert set(stored_orders) == set(orders), (
        len(stored_orders),
        len(orders),
        sorted(set(orders) ^ set(stored_orders))[:5],
    )
    expected_lines, expected_payments, expected_shipments = [], {}, set()
    for ml_id, raw in sorted(orders.items()):
        shipping = (raw.get("shipping") or {}).get("id")
        want = (
            raw["status"],
            _money(raw["total_amount"]),
            _money(raw.get("paid_amount")),
            raw["buyer"]["id"],
            shipping,
        )
        assert stored_orders[ml_id] == want, (ml_id, stored_orders[ml_id], want)
        for n, line in enumerate(raw["order_items"]):
            item = line["item"]
            expected_lines.append(
                (ml_id, n, item["id"], item.get("variation_id"), line["quantity"], _money(line["unit_price"]))
            )
        for payment in raw.get("payments") or []:
            expected_payments[int(payment["id"])] = (
                payment["status"],
                _money(payment.get("transaction_amount")),
                _money(payment.get("total_paid_amount")),
            )
        if shipping:
            expected_shipments.add(int(shipping))
    assert [(o, n, i, v, q, p) for o, n, i, v, q, p in lines] == [
        (o, n + _line_base(lines), i, v, q, p) for o, n, i, v, q, p in expected_lines
    ]
    assert payments == expected_payments
    for shipment_id in expected_shipments:
        raw = truth["shipments"][str(shipment_id)]
        assert shipments.get(shipment_id) == (raw["status"], raw.get("substatus")), shipment_id
    items = {k: v for k, v in truth.get("items", {}).items() if int(v["seller_id"]) in sellers}
    assert set(listings) == set(items), sorted(set(items) ^ set(listings))[:5]
    expected_variations = {}
    for item_id, raw in items.items():
        want = (raw["status"], _money(raw.get("price")), raw.get("available_quantity") or 0, raw["title"])
        assert listings[item_id] == want, (item_id, listings[item_id], want)
        for variation in raw.get("variations") or []:
            expected_variations[int(variation["id"])] = (
                _money(variation.get("price")),
                variation.get("available_quantity") or 0,
            )
    assert variations == expected_variations
    asked = {int(k): v for k, v in truth.get("questions", {}).items() if int(v["seller_id"]) in sellers}
    assert set(questions) == set(asked), sorted(set(asked) ^ set(questions))[:5]
    for question_id, raw in asked.items():
        answer = (raw.get("answer") or {}).get("text")
        assert questions[question_id] == (raw["status"], raw.get("text") or "", answer), question_id
    return {
        "orders": len(orders),
        "lines": len(expected_lines),
        "payments": len(expected_payments),
        "shipments": len(expected_shipments),
        "listings": len(items),
        "variations": len(expected_variations),
        "questions": len(asked),
    }


def _line_base(lines: list[tuple[Any, ...]]) -> int:
    """Stored line numbers start at 0 or 1; the export's at 0."""
    return min((row[1] for row in lines), default=0)
