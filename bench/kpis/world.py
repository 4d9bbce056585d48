"""bench/kpis's data: one tenant, N Mercado Livre accounts and a million orders over twelve months.

Written straight into PostgreSQL with ``INSERT … SELECT generate_series`` on the admin connection (not the
appliers), then the rollups are built by the rebuild service (``melihub.kpis.rebuild``), timed. Ids are
``md5(kind-n)::uuid``. Per order n (account n % accounts): created at a permutation of the span's seconds
(so every day has orders); 1 in 10 cancelled (half of those fully refunded), 1 in 20 partially refunded,
1 in 50 still awaiting payment, the rest paid; 2 in 10 of an account's orders form packs of two; one line,
or two every fifth order, of 2,000 listings per account; one payment; one shipment (delivered, a few not
delivered or returned, the last days' still open); one question per ten orders, most answered.
``seed_orders`` is imported by bench/exports too: keep its signature.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import asyncpg

from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database, app_url_for, plain_url
from melihub.kpis.models import ROLLUP_TABLES
from melihub.kpis.rebuild import rebuild_tenant

LISTINGS_PER_ACCOUNT = 2_000
BUYERS = 50_000
EMAIL, PASSWORD = "bench-kpis@melihub.dev", "bench-password-1"
SEEDED_TABLES = ("customers", "items", "orders", "order_items", "payments", "shipments", "questions")

# $1 tenant, $2 accounts (uuid[]), $3 orders, $4 now, $5 span in seconds. n numbers the order, a = n % A its
# account, k = n / A its place in the account.
ORDERS_SQL = """
INSERT INTO orders (id, tenant_id, meli_account_id, raw, synced_at, ml_id, pack_id, status, date_created,
                    date_closed, total_amount, paid_amount, currency_id, customer_id, buyer_ml_id,
                    shipment_ml_id, tags)
SELECT md5('order-' || n)::uuid, $1, ($2::uuid[])[n % {accounts} + 1], '{{}}'::jsonb, $4,
       2000000000000000 + n,
       CASE WHEN (n / {accounts}) % 10 < 2 THEN 2500000000000000 + n % {accounts} * 100000000 + n / {accounts} / 10 END,
       CASE WHEN n % 10 = 3 THEN 'cancelled' WHEN n % 20 = 7 THEN 'partially_refunded'
            WHEN n % 50 = 11 THEN 'payment_in_process' ELSE 'paid' END,
       $4::timestamptz - ((n::bigint * 7919) % $5) * interval '1 second',
       $4::timestamptz - ((n::bigint * 7919) % $5) * interval '1 second' + interval '5 minutes',
       amount, amount, 'BRL',
       md5('customer-' || (n * 31) % {buyers})::uuid, 700000000 + (n * 31) % {buyers},
       44000000000 + n, ARRAY['paid']
FROM generate_series(0, $3 - 1) AS n, LATERAL (SELECT 49.90 + (n % 97) * 3.10 AS amount) AS a
"""
LINES_SQL = """
INSERT INTO order_items (id, tenant_id, order_id, line_no, item_ml_id, title, quantity, unit_price, currency_id)
SELECT md5('line-' || n || '-' || line)::uuid, $1, md5('order-' || n)::uuid, line,
       'MLB' || (3000000000 + listing), 'Produto ' || listing, 1, price, 'BRL'
FROM generate_series(0, $2 - 1) AS n,
     LATERAL generate_series(1, CASE WHEN n % 5 = 0 THEN 2 ELSE 1 END) AS line,
     LATERAL (SELECT n % {accounts} * {per_account} + ((n / {accounts}) * 7 + line) % {per_account} AS listing,
                     CASE WHEN n % 5 = 0 THEN round((49.90 + (n % 97) * 3.10) / 2, 2) ELSE 49.90 + (n % 97) * 3.10 END
                         AS price) AS chosen
"""
PAYMENTS_SQL = """
INSERT INTO payments (id, tenant_id, order_id, ml_id, status, transaction_amount, total_paid_amount,
                      transaction_amount_refunded, currency_id, payment_method_id, payment_type, installments,
                      date_created, date_approved)
SELECT md5('payment-' || o.ml_id)::uuid, $1, o.id, 90000000000 + o.ml_id - 2000000000000000,
       CASE WHEN o.status = 'cancelled' AND o.ml_id % 20 = 3 THEN 'refunded' ELSE 'approved' END,
       o.total_amount, o.total_amount,
       CASE WHEN o.status = 'partially_refunded' THEN round(o.total_amount * 0.3, 2)
            WHEN o.status = 'cancelled' AND o.ml_id % 20 = 3 THEN o.total_amount ELSE 0 END,
       'BRL', 'pix', 'bank_transfer', 1, o.date_created, o.date_created
FROM orders o WHERE o.tenant_id = $1
"""
SHIPMENTS_SQL = """
INSERT INTO shipments (id, tenant_id, meli_account_id, raw, synced_at, ml_id, status, substatus, mode,
                       logistic_type, date_created, handling_limit, shipped_at)
SELECT md5('shipment-' || o.shipment_ml_id)::uuid, o.tenant_id, o.meli_account_id, '{}'::jsonb, o.synced_at,
       o.shipment_ml_id, s.status, s.substatus, 'me2', 'drop_off', o.date_created,
       o.date_created + interval '24 hours',
       CASE WHEN s.status <> 'ready_to_ship' THEN o.date_created + (o.ml_id % 30 + 1) * interval '1 hour' END
FROM orders o
CROSS JOIN LATERAL (SELECT CASE WHEN o.date_created > $2::timestamptz - interval '2 days' THEN 'ready_to_ship'
                                WHEN o.ml_id % 40 = 1 THEN 'not_delivered' ELSE 'delivered' END AS status,
                           CASE WHEN o.ml_id % 80 = 1 THEN 'returned' WHEN o.ml_id % 40 = 1 THEN 'lost' END
                               AS substatus) AS s
WHERE o.tenant_id = $1 AND o.status <> 'cancelled'
"""
QUESTIONS_SQL = """
INSERT INTO questions (id, tenant_id, meli_account_id, raw, synced_at, ml_id, item_ml_id, status, text,
                       from_ml_user_id, date_created, answered_at, sla_due_at, sla_stage)
SELECT md5('question-' || q)::uuid, $1, ($2::uuid[])[q % {accounts} + 1], '{{}}'::jsonb, $3, 13000000000 + q,
       'MLB' || (3000000000 + q % {accounts} * {per_account} + q % {per_account}),
       CASE WHEN q % 7 = 0 THEN 'UNANSWERED' ELSE 'ANSWERED' END, 'Tem pronta entrega?', 700000000 + q % {buyers},
       created, CASE WHEN q % 7 <> 0 THEN created + (q % 180 + 1) * interval '1 minute' END,
       created + interval '60 minutes', 0
FROM generate_series(0, $4 - 1) AS q,
     LATERAL (SELECT $3::timestamptz - ((q::bigint * 104729) % $5) * interval '1 second' AS created) AS c
"""
CUSTOMERS_SQL = """
INSERT INTO customers (id, tenant_id, ml_user_id, nickname, site_id)
SELECT md5('customer-' || c)::uuid, $1, 700000000 + c, 'COMPRADOR' || c, 'MLB' FROM generate_series(0, $2 - 1) AS c
"""
LISTINGS_SQL = """
INSERT INTO items (id, tenant_id, meli_account_id, raw, synced_at, ml_id, site_id, title, status, sub_status,
                   price, currency_id, available_quantity, sold_quantity, free_shipping)
SELECT md5('listing-' || l)::uuid, $1, ($2::uuid[])[l / {per_account} + 1], '{{}}'::jsonb, $3,
       'MLB' || (3000000000 + l), 'MLB', 'Produto ' || l, 'active', '{{}}', 99.90, 'BRL', l % 13, 5, true
FROM generate_series(0, {accounts} * {per_account} - 1) AS l
"""


@dataclass(frozen=True)
class SeededOrders:
    tenant_id: uuid.UUID
    account_ids: list[uuid.UUID]
    orders: int
    now: datetime
    seed_seconds: float
    rebuild_seconds: float
    email: str = EMAIL
    password: str = PASSWORD


async def _tenant(settings: Settings, admin_url: str, accounts: int) -> tuple[uuid.UUID, list[uuid.UUID]]:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    try:
        tenant, _ = await create_tenant(db, name="Bench KPIs", owner_email=EMAIL, owner_password=PASSWORD)
        rows = [
            MeliAccount(tenant_id=tenant.id, ml_user_id=2501234560 + a, site_id="MLB", nickname=f"KPI_{a}")
            for a in range(accounts)
        ]
        async with db.tenant(tenant.id) as session:
            session.add_all(rows)
    finally:
        await db.dispose()
    return tenant.id, [row.id for row in rows]


async def seed_orders(
    admin_url: str,
    *,
    orders: int = 1_000_000,
    accounts: int = 5,
    months: int = 12,
    settings: Settings | None = None,
    now: datetime | None = None,
    build_rollups: bool = True,
) -> SeededOrders:
    """Fill the fresh, migrated database at ``admin_url`` (the schema owner's URL) and build its rollups."""
    settings = settings or Settings()
    now = now or datetime.now(UTC).replace(microsecond=0)
    span = months * 30 * 24 * 3600
    started = time.perf_counter()
    tenant_id, account_ids = await _tenant(settings, admin_url, accounts)
    sizes = {"accounts": accounts, "per_account": LISTINGS_PER_ACCOUNT, "buyers": BUYERS}
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            await conn.execute(CUSTOMERS_SQL, tenant_id, BUYERS)
            await conn.execute(LISTINGS_SQL.format(**sizes), tenant_id, account_ids, now)
            await conn.execute(ORDERS_SQL.format(**sizes), tenant_id, account_ids, orders, now, span)
            await conn.execute(LINES_SQL.format(**sizes), tenant_id, orders)
            await conn.execute(PAYMENTS_SQL, tenant_id)
            await conn.execute(SHIPMENTS_SQL, tenant_id, now)
            await conn.execute(QUESTIONS_SQL.format(**sizes), tenant_id, account_ids, now, orders // 10, span)
        await conn.execute(f"VACUUM (ANALYZE) {', '.join(SEEDED_TABLES)}")
    finally:
        await conn.close()
    seeded = time.perf_counter() - started
    rebuilt = 0.0
    if build_rollups:
        db = Database(app_url_for(settings, admin_url), pool_size=2)
        try:
            began = time.perf_counter()
            # Only this package's rollups: stock periods and customer months are rebuilt by their own services.
            await rebuild_tenant(db, tenant_id, extras=False)
            rebuilt = time.perf_counter() - began
        finally:
            await db.dispose()
        conn = await asyncpg.connect(plain_url(admin_url))
        try:  # what autovacuum does after a rebuild's inserts
            await conn.execute(f"VACUUM (ANALYZE) {', '.join(ROLLUP_TABLES)}")
        finally:
            await conn.close()
    return SeededOrders(tenant_id, account_ids, orders, now, seeded, rebuilt)
