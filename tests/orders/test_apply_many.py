"""A page of orders applied at once leaves exactly the rows the one-by-one applier leaves."""

from __future__ import annotations

from sqlalchemy import text

from melihub.orders.batch import apply_orders
from melihub.orders.service import apply_order
from melihub.testing.fixtures import fixture_ids, load_fixture

ROWS = {
    "orders": "SELECT ml_id, status, total_amount, paid_amount, buyer_ml_id, shipment_ml_id, pack_id, "
    "(SELECT ml_user_id FROM customers c WHERE c.id = o.customer_id), ml_last_updated FROM orders o ORDER BY 1",
    "lines": "SELECT o.ml_id, i.line_no, i.item_ml_id, i.variation_ml_id, i.quantity, i.unit_price, i.sku "
    "FROM order_items i JOIN orders o ON o.id = i.order_id ORDER BY 1, 2",
    "payments": "SELECT p.ml_id, o.ml_id, p.status, p.transaction_amount FROM payments p "
    "JOIN orders o ON o.id = p.order_id ORDER BY 1",
    "customers": "SELECT ml_user_id, nickname, first_order_at, last_order_at FROM customers ORDER BY 1",
}


async def _rows(services, tenant_id) -> dict[str, list[tuple]]:
    async with services.db.tenant(tenant_id) as session:
        return {name: [tuple(r) for r in (await session.exec(text(sql))).all()] for name, sql in ROWS.items()}


async def test_a_batch_and_one_by_one_leave_the_same_rows_and_a_replay_changes_nothing(
    services, meli_account_a, meli_account_b
) -> None:
    raws = [load_fixture(f"orders/{order_id}.json") for order_id in fixture_ids("orders")]
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        batch = await apply_orders(session, meli_account_a, raws)
    for raw in raws:
        async with services.db.tenant(meli_account_b.tenant_id) as session:
            await apply_order(session, meli_account_b, raw)
    assert all(result.changed for result in batch) and len(batch) == len(raws)
    assert await _rows(services, meli_account_a.tenant_id) == await _rows(services, meli_account_b.tenant_id)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        again = await apply_orders(session, meli_account_a, raws)
    assert not any(result.changed for result in again)
    assert [r.entity_id for r in again] == [r.entity_id for r in batch]
