"""Applying Mercado Livre items: listing, variations and description, once per version, never backwards."""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from melihub.catalog.service import apply_item
from melihub.db.idempotent import ApplyResult, version_of
from melihub.testing.fixtures import fixture_ids, load_fixture

VARIATIONS = "MLB3012345601"


async def apply(services, account, raw: dict[str, Any], description: dict[str, Any] | None = None) -> ApplyResult:
    async with services.db.tenant(account.tenant_id) as session:
        return await apply_item(session, account, raw, description=description, event_id=uuid.uuid4())


async def rows(services, tenant_id, sql: str) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        return [tuple(r) for r in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


def item(item_id: str = VARIATIONS) -> dict[str, Any]:
    return load_fixture(f"items/{item_id}.json")


async def test_item_with_variations_and_description(services, meli_account_a) -> None:
    raw, description = item(), load_fixture(f"descriptions/{VARIATIONS}.json")
    result = await apply(services, meli_account_a, raw, description)
    assert result.changed and result.entity_type == "listing" and result.version == version_of(raw).token
    tenant = meli_account_a.tenant_id
    [listing] = await rows(
        services,
        tenant,
        "SELECT id, ml_id, site_id, title, status, sub_status, price, original_price, currency_id, "
        "available_quantity, sold_quantity, sku, logistic_type, free_shipping, permalink, thumbnail, description, "
        "raw->>'id' FROM items",
    )
    assert listing == (
        result.entity_id,
        VARIATIONS,
        "MLB",
        raw["title"],
        "active",
        [],
        Decimal("59.90"),
        None,
        "BRL",
        29,
        58,
        None,
        "drop_off",
        False,
        raw["permalink"],
        raw["thumbnail"],
        description["plain_text"],
        VARIATIONS,
    )
    assert "\n" in listing[16]
    variations = await rows(
        services, tenant, "SELECT ml_id, sku, price, available_quantity, item_id FROM variations ORDER BY ml_id"
    )
    assert variations == [
        (180000000101, "CAM-BAS-PRT-M", Decimal("59.90"), 14, result.entity_id),
        (180000000102, "CAM-BAS-PRT-G", Decimal("59.90"), 9, result.entity_id),
        (180000000103, "CAM-BAS-BRC-P", Decimal("59.90"), 6, result.entity_id),
        (180000000104, "CAM-BAS-BRC-M", Decimal("59.90"), 0, result.entity_id),
    ]
    [(combos,)] = await rows(
        services, tenant, "SELECT attribute_combinations FROM variations WHERE ml_id = 180000000101"
    )
    assert [c["value_name"] for c in combos] == ["Preto", "M"]


async def test_simple_paused_and_discounted_items(services, meli_account_a) -> None:
    for item_id in ("MLB3012345603", "MLB3012345605", "MLB3012345606", "MLB3012345602"):
        assert (await apply(services, meli_account_a, item(item_id))).changed
    found = {
        r[0]: r[1:]
        for r in await rows(
            services,
            meli_account_a.tenant_id,
            "SELECT ml_id, sku, status, sub_status, price, original_price, free_shipping FROM items",
        )
    }
    assert found["MLB3012345603"][:2] == ("GT-INOX-1L", "active")
    assert found["MLB3012345605"][1:3] == ("paused", ["out_of_stock"])
    assert found["MLB3012345606"][3:] == (Decimal("129.00"), Decimal("159.00"), True)
    assert found["MLB3012345602"][5] is True
    assert await rows(services, meli_account_a.tenant_id, "SELECT count(*) FROM variations") == [(3,)]


async def test_replay_changes_nothing(services, meli_account_a) -> None:
    first = await apply(services, meli_account_a, item(), load_fixture(f"descriptions/{VARIATIONS}.json"))
    tenant = meli_account_a.tenant_id
    before = await rows(services, tenant, "SELECT synced_at FROM items")
    again = await apply(services, meli_account_a, item(), load_fixture(f"descriptions/{VARIATIONS}.json"))
    assert not again.changed and again.entity_id == first.entity_id and again.version == first.version
    assert await rows(services, tenant, "SELECT synced_at FROM items") == before
    assert await rows(services, tenant, "SELECT count(*) FROM variations") == [(4,)]


async def test_older_version_after_newer_changes_nothing(services, meli_account_a) -> None:
    raw = item()
    sold = copy.deepcopy(raw)
    sold.update(last_updated="2025-03-14T10:00:00.000Z", available_quantity=28, price=64.9)
    assert (await apply(services, meli_account_a, sold)).changed
    stale = await apply(services, meli_account_a, raw)
    assert not stale.changed and stale.entity_id is not None
    assert await rows(services, meli_account_a.tenant_id, "SELECT available_quantity, price FROM items") == [
        (28, Decimal("64.90"))
    ]


async def test_newer_version_updates_and_removes_gone_variations(services, meli_account_a) -> None:
    raw = item()
    await apply(services, meli_account_a, raw, load_fixture(f"descriptions/{VARIATIONS}.json"))
    later = copy.deepcopy(raw)
    later["last_updated"] = "2025-03-14T10:00:00.000Z"
    later["variations"] = later["variations"][:2]
    later["variations"][0]["available_quantity"] = 3
    assert (await apply(services, meli_account_a, later, description=None)).changed
    tenant = meli_account_a.tenant_id
    assert await rows(services, tenant, "SELECT ml_id, available_quantity FROM variations ORDER BY ml_id") == [
        (180000000101, 3),
        (180000000102, 9),
    ]
    # No description fetched this time: the stored one stays.
    [(description,)] = await rows(services, tenant, "SELECT description FROM items")
    assert description and description.startswith("Camiseta")


async def test_a_newer_description_alone_is_a_new_version(services, meli_account_a) -> None:
    raw, description = item(), load_fixture(f"descriptions/{VARIATIONS}.json")
    first = await apply(services, meli_account_a, raw, description)
    edited = {**description, "plain_text": "Nova descrição", "last_updated": "2025-03-20T00:00:00.000Z"}
    second = await apply(services, meli_account_a, raw, edited)
    assert second.changed and second.version != first.version
    assert await rows(services, meli_account_a.tenant_id, "SELECT description FROM items") == [("Nova descrição",)]


async def test_tenant_b_cannot_see_tenant_a_listings(services, meli_account_a, meli_account_b) -> None:
    for item_id in fixture_ids("items"):
        raw = item(item_id)
        account = meli_account_a if raw["seller_id"] == meli_account_a.ml_user_id else meli_account_b
        assert (await apply(services, account, raw)).changed
    assert await rows(services, meli_account_a.tenant_id, "SELECT count(*) FROM items") == [(8,)]
    assert await rows(services, meli_account_b.tenant_id, "SELECT ml_id, currency_id FROM items ORDER BY ml_id") == [
        ("MLA1523456789", "ARS"),
        ("MLA1523456790", "ARS"),
    ]
    assert await rows(services, meli_account_b.tenant_id, "SELECT count(*) FROM variations") == [(0,)]
