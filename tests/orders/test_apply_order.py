"""Applying Mercado Livre orders: rows with the right values, once per version, never backwards."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from melihub.db.idempotent import ApplyResult, version_of
from melihub.orders.service import apply_order, order_ml_id_of_payment, orders_of_pack
from melihub.testing.fixtures import fixture_ids, load_fixture

SIMPLE = "orders/2000009876543201.json"
TWO_LINES = "orders/2000009876543204.json"
PACK = ("orders/2000009876543202.json", "orders/2000009876543203.json")


async def apply(services, account, raw: dict[str, Any]) -> ApplyResult:
    async with services.db.tenant(account.tenant_id) as session:
        return await apply_order(session, account, raw, event_id=uuid.uuid4())


async def rows(services, tenant_id, sql: str, **params: Any) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        result = await session.exec(text(sql), params=params)  # type: ignore[call-overload]
        return [tuple(row) for row in result.all()]


def newer(raw: dict[str, Any], last_updated: str, **changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(raw), "last_updated": last_updated, **changes}


async def test_order_is_stored_with_lines_payments_and_buyer(services, meli_account_a) -> None:
    raw = load_fixture(SIMPLE)
    result = await apply(services, meli_account_a, raw)
    assert result.changed and result.entity_type == "order" and result.entity_id is not None
    assert result.version == version_of(raw).token and result.version.startswith("v")
    tenant = meli_account_a.tenant_id
    [order] = await rows(
        services,
        tenant,
        "SELECT id, ml_id, status, total_amount, paid_amount, currency_id, date_created, date_closed, pack_id, "
        "shipment_ml_id, tags, buyer_ml_id, meli_account_id, raw->>'id', ml_last_updated, customer_id FROM orders",
    )
    assert order[:6] == (result.entity_id, 2000009876543201, "paid", Decimal("89.90"), Decimal("104.80"), "BRL")
    assert order[6] == datetime.fromisoformat(raw["date_created"]) and order[6].tzinfo is not None
    assert order[7] == datetime.fromisoformat(raw["date_closed"])
    assert order[8:13] == (None, 44123456701, raw["tags"], 1498765432, meli_account_a.id)
    assert order[13] == "2000009876543201"
    assert order[14] == datetime.fromisoformat(raw["last_updated"]).astimezone(UTC)
    line = raw["order_items"][0]
    assert await rows(
        services, tenant, "SELECT line_no, item_ml_id, quantity, unit_price, sale_fee, currency_id FROM order_items"
    ) == [(1, line["item"]["id"], line["quantity"], Decimal(str(line["unit_price"])), Decimal("10.79"), "BRL")]
    payment = raw["payments"][0]
    assert await rows(
        services,
        tenant,
        "SELECT ml_id, status, total_paid_amount, shipping_cost, payment_method_id, order_id FROM payments",
    ) == [
        (
            payment["id"],
            payment["status"],
            Decimal(str(payment["total_paid_amount"])),
            Decimal(str(payment["shipping_cost"])),
            payment["payment_method_id"],
            result.entity_id,
        )
    ]
    assert await rows(services, tenant, "SELECT id, ml_user_id, nickname, site_id FROM customers") == [
        (order[15], 1498765432, "COMPRADOR_JOAO88", "MLB")
    ]


async def test_replaying_the_same_version_changes_nothing(services, meli_account_a) -> None:
    raw = load_fixture(TWO_LINES)
    first = await apply(services, meli_account_a, raw)
    synced = await rows(services, meli_account_a.tenant_id, "SELECT synced_at FROM orders")
    again = await apply(services, meli_account_a, copy.deepcopy(raw))
    assert not again.changed and again.entity_id == first.entity_id and again.version == first.version
    tenant = meli_account_a.tenant_id
    assert await rows(services, tenant, "SELECT synced_at FROM orders") == synced
    assert await rows(services, tenant, "SELECT count(*) FROM order_items") == [(2,)]
    assert await rows(services, tenant, "SELECT count(*) FROM payments") == [(1,)]
    assert await rows(services, tenant, "SELECT count(*) FROM idempotency_keys WHERE key LIKE '%|ORDER|%'") == [(1,)]


async def test_an_older_version_never_replaces_a_newer_one(services, meli_account_a) -> None:
    raw = load_fixture(SIMPLE)
    cancelled = newer(raw, "2025-03-20T10:00:00.000-03:00", status="cancelled", order_items=raw["order_items"] * 2)
    assert (await apply(services, meli_account_a, cancelled)).changed
    stale = await apply(services, meli_account_a, raw)
    assert not stale.changed and stale.entity_id is not None
    tenant = meli_account_a.tenant_id
    assert await rows(services, tenant, "SELECT status, raw->>'status' FROM orders") == [("cancelled", "cancelled")]
    assert await rows(services, tenant, "SELECT count(*) FROM order_items") == [(2,)]


async def test_a_newer_version_replaces_the_lines_without_duplicating(services, meli_account_a) -> None:
    raw = load_fixture(TWO_LINES)
    await apply(services, meli_account_a, raw)
    later = newer(raw, "2025-03-09T10:00:00.000-04:00", status="partially_refunded")
    assert (await apply(services, meli_account_a, later)).changed
    tenant = meli_account_a.tenant_id
    assert await rows(services, tenant, "SELECT line_no, item_ml_id FROM order_items ORDER BY line_no") == [
        (1, "MLB3012345602"),
        (2, "MLB3012345607"),
    ]
    one_line = newer(raw, "2025-03-10T10:00:00.000-04:00", order_items=raw["order_items"][1:])
    assert (await apply(services, meli_account_a, one_line)).changed
    assert await rows(services, tenant, "SELECT line_no, item_ml_id, sku FROM order_items") == [
        (1, "MLB3012345607", "MOCH-NB-CNZ")
    ]
    assert await rows(services, tenant, "SELECT count(*), count(DISTINCT ml_id) FROM orders") == [(1, 1)]


async def test_pack_orders_share_pack_and_shipment(services, meli_account_a) -> None:
    for name in PACK:
        await apply(services, meli_account_a, load_fixture(name))
    tenant = meli_account_a.tenant_id
    assert await rows(services, tenant, "SELECT DISTINCT pack_id, shipment_ml_id FROM orders") == [
        (2000004567890123, 44123456702)
    ]
    async with services.db.tenant(tenant) as session:
        assert await orders_of_pack(session, 2000004567890123) == [2000009876543202, 2000009876543203]
    # Same buyer on both orders: one customer.
    assert await rows(services, tenant, "SELECT count(*) FROM customers") == [(1,)]


async def test_payment_leads_to_its_order(services, meli_account_a) -> None:
    await apply(services, meli_account_a, load_fixture(PACK[0]))
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert await order_ml_id_of_payment(session, 91234567802) == 2000009876543202
        assert await order_ml_id_of_payment(session, 91234567899) is None


async def test_every_fixture_order_applies_and_totals_match(services, meli_account_a, meli_account_b) -> None:
    for order_id in fixture_ids("orders"):
        raw = load_fixture(f"orders/{order_id}.json")
        account = meli_account_a if raw["seller"]["id"] == meli_account_a.ml_user_id else meli_account_b
        assert (await apply(services, account, raw)).changed
    a, b = meli_account_a.tenant_id, meli_account_b.tenant_id
    assert await rows(services, a, "SELECT status, count(*) FROM orders GROUP BY status ORDER BY status") == [
        ("cancelled", 1),
        ("paid", 6),
        ("payment_in_process", 1),
    ]
    assert await rows(services, a, "SELECT sum(total_amount) FROM orders WHERE status = 'paid'") == [
        (Decimal("1054.00"),)
    ]
    assert await rows(services, b, "SELECT sum(total_amount), min(currency_id) FROM orders") == [
        (Decimal("36900.00"), "ARS")
    ]


async def test_tenant_b_cannot_see_tenant_a_orders(services, meli_account_a, meli_account_b) -> None:
    result = await apply(services, meli_account_a, load_fixture(TWO_LINES))
    b = meli_account_b.tenant_id
    for table in ("orders", "order_items", "payments", "customers"):
        assert await rows(services, b, f"SELECT count(*) FROM {table}") == [(0,)], table
    async with services.db.tenant(b) as session:
        assert await order_ml_id_of_payment(session, 91234567804) is None
    # Tenant B applying the same ML order id gets its own row; tenant A's is untouched.
    other = await apply(services, meli_account_b, load_fixture(TWO_LINES))
    assert other.changed and other.entity_id != result.entity_id
    assert await rows(services, meli_account_a.tenant_id, "SELECT count(*) FROM orders") == [(1,)]
