"""Customer months follow the raw orders: counted orders and GMV per buyer, account, currency and local month."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from melihub.buyers.service import rebuild_buyers, record_orders
from melihub.testing.fixtures import SELLER_A
from tests.kpis.listing_world import apply_orders, order_raw, sql

BUYER = 1500000001
MONTHS = (
    "SELECT month, currency_id, orders, gmv, first_order_at, last_order_at FROM customer_months "
    "WHERE buyer_ml_id = :buyer ORDER BY month"
)


def order(ml_id: int, created: datetime, **fields) -> dict:
    fields.setdefault("buyer", BUYER)
    return order_raw(
        ml_id, seller=SELLER_A, item="MLB3012345603", quantity=1, unit_price=Decimal("100"), created=created, **fields
    )


async def test_counted_orders_add_up_per_local_month(services, meli_account_a) -> None:
    jan = datetime(2025, 1, 15, 12, tzinfo=UTC)
    feb_local = datetime(2025, 3, 1, 2, tzinfo=UTC)  # 23:00 on 28 Feb in São Paulo
    await apply_orders(
        services,
        meli_account_a,
        [
            order(2000000000000201, jan),
            order(2000000000000202, jan + timedelta(days=5), status="partially_refunded", refunded=Decimal("10")),
            order(2000000000000203, feb_local),
            order(2000000000000204, feb_local, status="cancelled"),
            order(2000000000000205, feb_local, status="payment_required"),
        ],
    )
    rows = await sql(services, meli_account_a.tenant_id, MONTHS, buyer=BUYER)
    assert [(r.month, r.currency_id, r.orders, r.gmv) for r in rows] == [
        (date(2025, 1, 1), "BRL", 2, Decimal("190.00")),
        (date(2025, 2, 1), "BRL", 1, Decimal("100.00")),
    ]
    assert (rows[0].first_order_at, rows[0].last_order_at) == (jan, jan + timedelta(days=5))


async def test_replays_never_count_twice_and_a_cancellation_takes_the_order_out(services, meli_account_a) -> None:
    created = datetime(2025, 1, 15, 12, tzinfo=UTC)
    paid = order(2000000000000301, created)
    await apply_orders(services, meli_account_a, [paid, paid, order(2000000000000302, created)])
    assert [r.orders for r in await sql(services, meli_account_a.tenant_id, MONTHS, buyer=BUYER)] == [2]
    cancelled = order(2000000000000301, created, status="cancelled", updated=created + timedelta(days=1))
    await apply_orders(services, meli_account_a, [cancelled, paid])  # the older "paid" arrives late: ignored
    rows = await sql(services, meli_account_a.tenant_id, MONTHS, buyer=BUYER)
    assert [(r.orders, r.gmv) for r in rows] == [(1, Decimal("100.00"))]


async def test_record_orders_is_idempotent_and_rebuild_restores_every_buyer(services, meli_account_a) -> None:
    created = datetime(2025, 1, 15, 12, tzinfo=UTC)
    await apply_orders(
        services, meli_account_a, [order(2000000000000400 + n, created, buyer=BUYER + n) for n in range(3)]
    )
    tenant = meli_account_a.tenant_id
    before = await sql(services, tenant, "SELECT buyer_ml_id, month, orders, gmv FROM customer_months ORDER BY 1")
    ids = [row.id for row in await sql(services, tenant, "SELECT id FROM orders")]
    async with services.db.tenant(tenant) as session:
        assert await record_orders(session, ids) == 3
        assert await record_orders(session, []) == 0
    await sql(services, tenant, "DELETE FROM customer_months")
    async with services.db.tenant(tenant) as session:
        assert await rebuild_buyers(session, tenant_id=tenant, batch=2) == 3
    after = await sql(services, tenant, "SELECT buyer_ml_id, month, orders, gmv FROM customer_months ORDER BY 1")
    assert after == before and len(after) == 3


async def test_melihub_kpis_rebuild_restores_customer_months_and_stock_periods(services, meli_account_a) -> None:
    from melihub.kpis.rebuild import rebuild_tenant
    from tests.kpis.listing_world import apply_items, item_raw

    created = datetime(2025, 1, 15, 12, tzinfo=UTC)
    await apply_items(services, meli_account_a, [item_raw("MLB3012345603", 4, created, seller=SELLER_A)])
    await apply_orders(services, meli_account_a, [order(2000000000000501, created)])
    tenant = meli_account_a.tenant_id
    await sql(services, tenant, "DELETE FROM customer_months")
    await sql(services, tenant, "DELETE FROM stock_periods")
    rebuilt = await rebuild_tenant(services.db, tenant)
    assert rebuilt.extra == {"rebuild_stock": 1, "rebuild_buyers": 1}
    assert [(r.orders, r.gmv) for r in await sql(services, tenant, MONTHS, buyer=BUYER)] == [(1, Decimal("100.00"))]
    [period] = await sql(services, tenant, "SELECT quantity, until FROM stock_periods")
    assert (period.quantity, period.until) == (4, None)
