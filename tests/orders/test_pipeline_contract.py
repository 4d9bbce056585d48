"""The pipeline's apply step with fixture bundles (no sandbox): an order and its shipment, in one transaction."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from melihub.events.pipeline import _apply_bundle
from melihub.meli.connector import MARKETPLACE_MELI, Fetched
from melihub.resources.registry import Bundle
from melihub.testing.fixtures import load_fixture


def fetched(kind: str, path: str) -> Fetched:
    raw = load_fixture(path)
    return Fetched(MARKETPLACE_MELI, kind, str(raw["id"]), raw)


async def test_order_bundle_applies_once(services, meli_account_a) -> None:
    bundle = Bundle(
        primary=fetched("order", "orders/2000009876543202.json"),
        related=[fetched("shipment", "shipments/44123456702.json")],
    )
    tenant = meli_account_a.tenant_id
    outcome = await _apply_bundle(services, tenant, meli_account_a, bundle, [uuid.uuid4()], 1)
    assert outcome.status == "processed"
    assert [(r.entity_type, r.changed) for r in outcome.results] == [("shipment", True), ("order", True)]
    again = await _apply_bundle(services, tenant, meli_account_a, bundle, [uuid.uuid4()], 1)
    assert again.status == "processed" and not any(r.changed for r in again.results)
    async with services.db.tenant(tenant) as session:
        counts = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_items), "
                    "(SELECT count(*) FROM shipments), (SELECT count(*) FROM idempotency_keys)"
                )
            )
        ).one()
    assert tuple(counts) == (1, 1, 1, 2)


async def test_item_bundle_carries_the_description(services, meli_account_a) -> None:
    bundle = Bundle(
        primary=fetched("item", "items/MLB3012345603.json"),
        description=load_fixture("descriptions/MLB3012345603.json"),
    )
    outcome = await _apply_bundle(services, meli_account_a.tenant_id, meli_account_a, bundle, [uuid.uuid4()], 1)
    assert outcome.status == "processed" and outcome.results[-1].entity_type == "listing"
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        [(sku, description)] = (
            await session.exec(text("SELECT sku, description FROM items"))  # type: ignore[call-overload]
        ).all()
    assert sku == "GT-INOX-1L" and description
