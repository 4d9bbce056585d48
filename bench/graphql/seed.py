"""bench/graphql's data: one tenant, 3 Mercado Livre accounts, ~100,000 orders with everything they reference.

Written straight into PostgreSQL with ``INSERT … SELECT generate_series`` on the admin connection (seconds,
not the minutes the ORM would take). Ids are ``md5(kind-n)::uuid`` so every table can point at rows of
another without a lookup. The shape, per account: 2 orders in 10 form a pack of two sharing one shipment;
every order has 2 lines (listings of its account, each with 3 variations), 1 payment and a buyer.
``raw`` holds a payload of the sandbox's size (≈3 KB), since the read path loads it with each row.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import asyncpg

from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database, app_url_for, plain_url
from melihub.sandbox.generate import generate_world

ACCOUNTS = 3
LISTINGS_PER_ACCOUNT = 2_000
VARIATIONS_PER_LISTING = 3
BUYERS = 30_000
EMAIL, PASSWORD = "bench@melihub.dev", "bench-password-1"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

# $1 tenant, $2 accounts (uuid[]), $3 orders, $4 raw payload, $5 now. n numbers the order; a = n % 3 its
# account, k = n / 3 its place in the account. Orders k ≡ 0, 1 (mod 10) of an account form a pack.
ORDERS_SQL = """
INSERT INTO orders (id, tenant_id, meli_account_id, raw, synced_at, ml_id, pack_id, status, date_created,
                    date_closed, total_amount, paid_amount, currency_id, customer_id, buyer_ml_id,
                    shipment_ml_id, tags)
SELECT md5('order-' || n)::uuid, $1, ($2::uuid[])[n % 3 + 1], $4::jsonb,
       -- a permutation of the insertion order: the newest stored change is not the newest row
       $5::timestamptz - ((n::bigint * 7919) % $3) * interval '1 second',
       2000000000000000 + n,
       CASE WHEN (n / 3) % 10 < 2 THEN 2500000000000000 + (n % 3) * 100000000 + (n / 3) / 10 END,
       (ARRAY['paid', 'paid', 'paid', 'confirmed', 'cancelled'])[n % 5 + 1],
       $5::timestamptz - ((n::bigint * 7919) % $3) * interval '1 second' - interval '1 hour',
       $5::timestamptz - ((n::bigint * 7919) % $3) * interval '1 second' - interval '50 minutes',
       199.80, 199.80, 'BRL',
       md5('customer-' || (n * 31) % {buyers})::uuid, 700000000 + (n * 31) % {buyers},
       44000000000 + (n % 3) * 100000000 + CASE WHEN (n / 3) % 10 = 1 THEN n / 3 - 1 ELSE n / 3 END,
       ARRAY['paid']
FROM generate_series(0, $3 - 1) AS n
"""
LINES_SQL = """
INSERT INTO order_items (id, tenant_id, order_id, line_no, item_ml_id, variation_ml_id, title, sku, quantity,
                         unit_price, currency_id)
SELECT md5('line-' || n || '-' || line)::uuid, $1, md5('order-' || n)::uuid, line,
       'MLB' || (3000000000 + listing), 180000000000 + listing * 10 + line, 'Produto ' || listing,
       'SKU-' || listing || '-' || line, line, 99.90, 'BRL'
FROM generate_series(0, $2 - 1) AS n, generate_series(1, 2) AS line,
     LATERAL (SELECT (n % 3) * {per_account} + ((n / 3) * 7 + line) % {per_account} AS listing) AS chosen
"""
PAYMENTS_SQL = """
INSERT INTO payments (id, tenant_id, order_id, ml_id, status, transaction_amount, total_paid_amount, currency_id,
                      payment_method_id, payment_type, installments, date_created, date_approved)
SELECT md5('payment-' || n)::uuid, $1, md5('order-' || n)::uuid, 90000000000 + n, 'approved', 199.80, 199.80,
       'BRL', 'pix', 'bank_transfer', 1, $3::timestamptz, $3::timestamptz
FROM generate_series(0, $2 - 1) AS n
"""
SHIPMENTS_SQL = """
INSERT INTO shipments (id, tenant_id, meli_account_id, raw, synced_at, ml_id, status, substatus, mode,
                       logistic_type, tracking_number, date_created)
SELECT DISTINCT ON (shipment_ml_id) md5('shipment-' || shipment_ml_id)::uuid, tenant_id, meli_account_id,
       $2::jsonb, synced_at, shipment_ml_id, 'ready_to_ship', 'ready_to_print', 'me2', 'drop_off',
       'BR' || shipment_ml_id, date_created
FROM orders WHERE tenant_id = $1
ORDER BY shipment_ml_id, ml_id
"""
CUSTOMERS_SQL = """
INSERT INTO customers (id, tenant_id, ml_user_id, nickname, site_id, first_order_at, last_order_at)
SELECT md5('customer-' || c)::uuid, $1, 700000000 + c, 'COMPRADOR' || c, 'MLB', $3::timestamptz, $3::timestamptz
FROM generate_series(0, $2 - 1) AS c
"""
LISTINGS_SQL = """
INSERT INTO items (id, tenant_id, meli_account_id, raw, synced_at, ml_id, site_id, title, status, sub_status,
                   price, currency_id, available_quantity, sold_quantity, sku, free_shipping)
SELECT md5('listing-' || l)::uuid, $1, ($2::uuid[])[l / {per_account} + 1], $3::jsonb,
       $4::timestamptz - l * interval '1 minute', 'MLB' || (3000000000 + l), 'MLB', 'Produto ' || l, 'active',
       '{{}}', 99.90, 'BRL', 10, 5, 'SKU-' || l, true
FROM generate_series(0, {listings} - 1) AS l
"""
VARIATIONS_SQL = """
INSERT INTO variations (id, tenant_id, item_id, ml_id, sku, price, available_quantity, sold_quantity,
                        attribute_combinations, raw)
SELECT md5('variation-' || l || '-' || v)::uuid, $1, md5('listing-' || l)::uuid, 180000000000 + l * 10 + v,
       'SKU-' || l || '-' || v, 99.90, 3, 1,
       jsonb_build_array(jsonb_build_object('id', 'COLOR', 'name', 'Cor', 'value_name', 'Cor ' || v)), '{{}}'
FROM generate_series(0, {listings} - 1) AS l, generate_series(1, {variations}) AS v
"""
SEEDED_TABLES = ("customers", "items", "variations", "orders", "order_items", "payments", "shipments")


@dataclass(frozen=True)
class Seeded:
    tenant_id: uuid.UUID
    account_ids: list[uuid.UUID]
    orders: int
    packs: int


def _payloads() -> dict[str, str]:
    """One sandbox payload per kind, as every row's ``raw`` (its size is what the read path pays for)."""
    world = generate_world(30)
    return {kind: json.dumps(next(iter(world.resources[kind].values()))) for kind in ("orders", "items", "shipments")}


async def _tenant(settings: Settings, admin_url: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    tenant, _ = await create_tenant(db, name="Bench GraphQL", owner_email=EMAIL, owner_password=PASSWORD)
    accounts = [
        MeliAccount(tenant_id=tenant.id, ml_user_id=2401234560 + a, site_id="MLB", nickname=f"BENCH_{a}")
        for a in range(ACCOUNTS)
    ]
    async with db.tenant(tenant.id) as session:
        session.add_all(accounts)
    await db.dispose()
    return tenant.id, [account.id for account in accounts]


async def seed(settings: Settings, admin_url: str, orders: int) -> Seeded:
    """Fill the (fresh, migrated) database at ``admin_url``; ANALYZE what was written."""
    tenant_id, accounts = await _tenant(settings, admin_url)
    raw = _payloads()
    listings = ACCOUNTS * LISTINGS_PER_ACCOUNT
    sizes = {"buyers": BUYERS, "per_account": LISTINGS_PER_ACCOUNT, "listings": listings}
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        async with conn.transaction():
            # Row-level security is forced even on the tables' owner (a superuser skips it anyway).
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            await conn.execute(CUSTOMERS_SQL.format(**sizes), tenant_id, BUYERS, NOW)
            await conn.execute(LISTINGS_SQL.format(**sizes), tenant_id, accounts, raw["items"], NOW)
            await conn.execute(VARIATIONS_SQL.format(variations=VARIATIONS_PER_LISTING, **sizes), tenant_id)
            await conn.execute(ORDERS_SQL.format(**sizes), tenant_id, accounts, orders, raw["orders"], NOW)
            await conn.execute(LINES_SQL.format(**sizes), tenant_id, orders)
            await conn.execute(PAYMENTS_SQL, tenant_id, orders, NOW)
            await conn.execute(SHIPMENTS_SQL, tenant_id, raw["shipments"])
            packs = await conn.fetchval("SELECT count(DISTINCT pack_id) FROM orders WHERE tenant_id = $1", tenant_id)
        # What autovacuum would have done by the time a seller has this many orders (and index-only scans).
        await conn.execute(f"VACUUM (ANALYZE) {', '.join(SEEDED_TABLES)}")
    finally:
        await conn.close()
    return Seeded(tenant_id, accounts, orders, int(packs))
