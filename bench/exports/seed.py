"""bench/exports' data when helper A's ``bench/kpis/world.py: seed_orders`` is not there: one tenant, 5
accounts, N orders over 12 months, each with 1 to 3 lines, a payment (1 in 20 partly refunded), a buyer and
a shipment. Written with ``INSERT … SELECT generate_series`` on the admin connection (``raw`` is empty: an
export never reads it). Ids are ``md5(kind-n)::uuid`` so tables point at each other without look-ups.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import asyncpg

from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database, app_url_for, plain_url

EMAIL, PASSWORD = "bench-exports@melihub.dev", "bench-password-1"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
BUYERS = 200_000
YEAR_S = 365 * 24 * 3600

# $1 tenant, $2 accounts (uuid[]), $3 orders, $4 now. Order n of account n % 5, spread over the last year.
ORDERS_SQL = f"""
INSERT INTO orders (id, tenant_id, meli_account_id, raw, synced_at, ml_id, status, date_created, date_closed,
                    total_amount, paid_amount, currency_id, customer_id, buyer_ml_id, shipment_ml_id, tags)
SELECT md5('order-' || n)::uuid, $1, ($2::uuid[])[n % array_length($2::uuid[], 1) + 1], '{{}}'::jsonb, $4,
       2000000000000000 + n,
       (ARRAY['paid', 'paid', 'paid', 'partially_refunded', 'cancelled'])[n % 5 + 1],
       $4::timestamptz - ((n::bigint * 7919) % {YEAR_S}) * interval '1 second',
       $4::timestamptz - ((n::bigint * 7919) % {YEAR_S}) * interval '1 second' + interval '5 minutes',
       (n % 3 + 1) * 59.90, (n % 3 + 1) * 59.90, 'BRL',
       md5('customer-' || (n * 31) % {BUYERS})::uuid, 700000000 + (n * 31) % {BUYERS},
       44000000000 + n, ARRAY['paid']
FROM generate_series(0, $3 - 1) AS n
"""
LINES_SQL = """
INSERT INTO order_items (id, tenant_id, order_id, line_no, item_ml_id, title, sku, quantity, unit_price, currency_id)
SELECT md5('line-' || n || '-' || l)::uuid, $1, md5('order-' || n)::uuid, l, 'MLB' || (3000000000 + n % 5000),
       'Produto de bancada ' || n % 5000, 'SKU-' || n % 5000, 1, 59.90, 'BRL'
FROM generate_series(0, $2 - 1) AS n, generate_series(1, 3) AS l
WHERE l <= n % 3 + 1
"""
PAYMENTS_SQL = """
INSERT INTO payments (id, tenant_id, order_id, ml_id, status, transaction_amount, transaction_amount_refunded,
                      currency_id, date_created)
SELECT md5('payment-' || n)::uuid, $1, md5('order-' || n)::uuid, 90000000000 + n, 'approved', (n % 3 + 1) * 59.90,
       CASE WHEN n % 20 = 3 THEN 19.90 END, 'BRL', $3::timestamptz
FROM generate_series(0, $2 - 1) AS n
"""
SHIPMENTS_SQL = """
INSERT INTO shipments (id, tenant_id, meli_account_id, raw, synced_at, ml_id, status, date_created)
SELECT md5('shipment-' || ml_id)::uuid, tenant_id, meli_account_id, '{}'::jsonb, synced_at, shipment_ml_id,
       (ARRAY['delivered', 'shipped', 'ready_to_ship'])[ml_id % 3 + 1], date_created
FROM orders WHERE tenant_id = $1
"""
CUSTOMERS_SQL = f"""
INSERT INTO customers (id, tenant_id, ml_user_id, nickname, site_id)
SELECT md5('customer-' || c)::uuid, $1, 700000000 + c, 'COMPRADOR' || c, 'MLB'
FROM generate_series(0, {BUYERS} - 1) AS c
"""
SEEDED_TABLES = ("customers", "orders", "order_items", "payments", "shipments")


@dataclass(frozen=True)
class Seeded:
    tenant_id: uuid.UUID
    account_ids: list[uuid.UUID]
    orders: int


async def _tenant(settings: Settings, admin_url: str, accounts: int) -> tuple[uuid.UUID, list[uuid.UUID]]:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    tenant, _ = await create_tenant(db, name="Bench Exports", owner_email=EMAIL, owner_password=PASSWORD)
    rows = [
        MeliAccount(tenant_id=tenant.id, ml_user_id=2402234560 + a, site_id="MLB", nickname=f"BENCH_{a}")
        for a in range(accounts)
    ]
    async with db.tenant(tenant.id) as session:
        session.add_all(rows)
    await db.dispose()
    return tenant.id, [row.id for row in rows]


async def seed_orders(settings: Settings, admin_url: str, orders: int, accounts: int = 5) -> Seeded:
    """Fill the fresh, migrated database at ``admin_url``; VACUUM ANALYZE what was written."""
    tenant_id, account_ids = await _tenant(settings, admin_url, accounts)
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            await conn.execute(CUSTOMERS_SQL, tenant_id)
            await conn.execute(ORDERS_SQL, tenant_id, account_ids, orders, NOW)
            await conn.execute(LINES_SQL, tenant_id, orders)
            await conn.execute(PAYMENTS_SQL, tenant_id, orders, NOW)
            await conn.execute(SHIPMENTS_SQL, tenant_id)
        await conn.execute(f"VACUUM (ANALYZE) {', '.join(SEEDED_TABLES)}")
    finally:
        await conn.close()
    return Seeded(tenant_id, account_ids, orders)
