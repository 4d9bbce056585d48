"""bench/score: scoring 10,000 listings from the facts melihub holds (target: under 30 s).

Seeds one tenant with 3 accounts and 10,000 listings whose payloads vary like real ones (1-8 pictures of
several sizes, some attributes missing, variations with one or two prices, descriptions of any length),
their categories' attributes, ML's quality for most, 30 days of sales and some unanswered questions; then
times ``insights.service.score_listings`` over all of them (batches of 500 in one transaction per batch,
as the refresh job does), once from nothing and once again (nothing changed: only computed_at moves).
Needs DATABASE_URL (admin) and REDIS_URL, or the embedded servers (MELIHUB_DATA_DIR). Never a timed test.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.common import fresh_database

from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database, app_url_for, plain_url
from melihub.insights.service import score_listings
from melihub.observability import configure_logging
from melihub.stores import resolve_stores

LISTINGS = int(os.environ.get("BENCH_SCORE_LISTINGS", "10000"))
ACCOUNTS = 3
CATEGORIES = 40
BATCH = 500
DATABASE = "melihub_bench_score"

CATEGORIES_SQL = """
INSERT INTO meli_categories (category_id, name, attributes, fetched_at)
SELECT 'MLB' || (1000 + c), 'Categoria ' || c, jsonb_build_array(
    jsonb_build_object('id', 'BRAND', 'name', 'Marca', 'tags', jsonb_build_object('required', true)),
    jsonb_build_object('id', 'MODEL', 'name', 'Modelo', 'tags', jsonb_build_object('required', true)),
    jsonb_build_object('id', 'GTIN', 'name', 'Código universal', 'tags', jsonb_build_object('catalog_required', true)),
    jsonb_build_object('id', 'COLOR', 'name', 'Cor', 'tags', jsonb_build_object('allow_variations', true)),
    jsonb_build_object('id', 'MATERIAL', 'name', 'Material', 'tags', '{}'::jsonb),
    jsonb_build_object('id', 'SELLER_SKU', 'name', 'SKU', 'tags', jsonb_build_object('hidden', true))
), now() FROM generate_series(0, $1 - 1) AS c
"""
LISTINGS_SQL = """
INSERT INTO items (id, tenant_id, meli_account_id, raw, synced_at, ml_id, site_id, title, category_id, status,
                   sub_status, listing_type_id, price, currency_id, available_quantity, sold_quantity, logistic_type,
                   free_shipping, description)
SELECT md5('score-' || l)::uuid, $1, ($2::uuid[])[l % 3 + 1],
       jsonb_build_object(
           'pictures', (SELECT jsonb_agg(jsonb_build_object('id', 'p' || p,
                               'max_size', CASE WHEN (l + p) % 5 = 0 THEN '400x400' ELSE '1200x1200' END))
                        FROM generate_series(1, 1 + l % 8) AS p),
           'attributes', jsonb_build_array(
               jsonb_build_object('id', 'BRAND',
                                  'value_name', CASE WHEN l % 4 = 0 THEN NULL ELSE 'Marca' || l % 50 END),
               jsonb_build_object('id', 'MODEL', 'value_name', 'M' || l % 900),
               jsonb_build_object('id', 'GTIN', 'value_name', CASE WHEN l % 3 = 0 THEN NULL ELSE '789' || l END)),
           'variations', CASE WHEN l % 6 = 0 THEN jsonb_build_array(
               jsonb_build_object('id', l * 10 + 1, 'price', 99.9, 'attribute_combinations',
                                  jsonb_build_array(jsonb_build_object('id', 'COLOR', 'value_name', 'Azul'))),
               jsonb_build_object('id', l * 10 + 2, 'price', CASE WHEN l % 12 = 0 THEN 109.9 ELSE 99.9 END))
           ELSE '[]'::jsonb END),
       $3, 'MLB' || (4000000000 + l), 'MLB',
       'Produto Marca' || l % 50 || ' M' || l % 900 || repeat(' Detalhe', l % 6), 'MLB' || (1000 + l % $4),
       CASE WHEN l % 20 = 0 THEN 'paused' ELSE 'active' END, '{}',
       (ARRAY['gold_special', 'gold_pro', 'free'])[l % 3 + 1], 99.90, 'BRL', l % 40, l % 90,
       (ARRAY['drop_off', 'fulfillment', 'cross_docking', 'self_service'])[l % 4 + 1], l % 2 = 0,
       repeat('Descrição do produto. ', l % 40)
FROM generate_series(0, $5 - 1) AS l
"""
QUALITY_SQL = """
INSERT INTO listing_quality (id, tenant_id, listing_id, score, level, pending, fetched_at)
SELECT gen_random_uuid(), tenant_id, id, 40 + abs(hashtext(ml_id)) % 60, 'Good', '{"Adicione mais fotos"}', now()
FROM items WHERE tenant_id = $1 AND abs(hashtext(ml_id)) % 10 <> 0
"""
SALES_SQL = """
INSERT INTO kpi_listing_days (id, tenant_id, meli_account_id, item_ml_id, day, currency_id, units, orders, gmv,
                              questions_asked)
SELECT gen_random_uuid(), i.tenant_id, i.meli_account_id, i.ml_id, current_date - d, 'BRL',
       1 + abs(hashtext(i.ml_id || d)) % 3, 1, 99.90, 0
FROM items i, generate_series(0, 29) AS d WHERE i.tenant_id = $1 AND abs(hashtext(i.ml_id)) % 3 = 0
"""
QUESTIONS_SQL = """
INSERT INTO questions (id, tenant_id, meli_account_id, raw, synced_at, ml_id, item_ml_id, status, text, date_created)
SELECT gen_random_uuid(), i.tenant_id, i.meli_account_id, '{}'::jsonb, now(), 90000000000 + row_number() OVER (),
       i.ml_id, 'UNANSWERED', 'Tem pronta entrega?', now() - interval '3 hours'
FROM items i WHERE i.tenant_id = $1 AND abs(hashtext(i.ml_id)) % 7 = 0
"""


async def seed(settings: Settings, admin_url: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    try:
        tenant, _ = await create_tenant(
            db, name="Bench score", owner_email="score@bench.example", owner_password="x" * 12
        )
        accounts = [
            MeliAccount(tenant_id=tenant.id, ml_user_id=2601234560 + a, site_id="MLB", nickname=f"SCORE_{a}")
            for a in range(ACCOUNTS)
        ]
        async with db.tenant(tenant.id) as session:
            session.add_all(accounts)
    finally:
        await db.dispose()
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant.id))
            await conn.execute(CATEGORIES_SQL, CATEGORIES)
            ids = [account.id for account in accounts]
            await conn.execute(LISTINGS_SQL, tenant.id, ids, datetime.now(UTC), CATEGORIES, LISTINGS)
            for statement in (QUALITY_SQL, SALES_SQL, QUESTIONS_SQL):
                await conn.execute(statement, tenant.id)
        await conn.execute("VACUUM (ANALYZE)")
        listing_ids = [
            row[0] for row in await conn.fetch("SELECT id FROM items WHERE tenant_id = $1 ORDER BY id", tenant.id)
        ]
    finally:
        await conn.close()
    return tenant.id, listing_ids


async def score_all(
    settings: Settings, admin_url: str, tenant_id: uuid.UUID, ids: list[uuid.UUID]
) -> tuple[float, int]:
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    changed = 0
    try:
        began = time.perf_counter()
        for start in range(0, len(ids), BATCH):
            async with db.tenant(tenant_id) as session:
                changed += sum(s.changed for s in await score_listings(session, tenant_id, ids[start : start + BATCH]))
        return time.perf_counter() - began, changed
    finally:
        await db.dispose()


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    settings = Settings()
    configure_logging(os.environ.get("BENCH_LOG_LEVEL", "WARNING"), json=True)
    urls = resolve_stores(settings, keep_embedded_running=True)
    admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, DATABASE))
    tenant_id, ids = asyncio.run(seed(settings, admin_url))
    first, changed = asyncio.run(score_all(settings, admin_url, tenant_id, ids))
    print(
        f"scored {len(ids)} listings over {ACCOUNTS} accounts from nothing: {first:.2f} s ({changed} new scores; "
        f"{len(ids) / first:.0f} listings/s)"
    )
    again, changed = asyncio.run(score_all(settings, admin_url, tenant_id, ids))
    print(f"scored them again, nothing changed: {again:.2f} s ({changed} new scores)")
    print("target: 10,000 listings under 30 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
