"""Applying Mercado Envios shipments (x-format-new): once per version, never backwards."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text

from melihub.db.idempotent import ApplyResult, version_of
from melihub.orders.service import apply_order
from melihub.shipments.service import apply_shipment, orders_of_shipment
from melihub.testing.fixtures import load_fixture

PACK_SHIPMENT = "shipments/44123456702.json"


async def apply(services, account, raw: dict[str, Any]) -> ApplyResult:
    async with services.db.tenant(account.tenant_id) as session:
        return await apply_shipment(session, account, raw, event_id=uuid.uuid4())


async def rows(services, tenant_id, sql: str) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        return [tuple(r) for r in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


async def test_shipment_is_stored(services, meli_account_a) -> None:
    raw = load_fixture(PACK_SHIPMENT)
    result = await apply(services, meli_account_a, raw)
    assert result.changed and result.entity_type == "shipment" and result.version == version_of(raw).token
    [row] = await rows(
        services,
        meli_account_a.tenant_id,
        "SELECT id, ml_id, status, substatus, mode, logistic_type, tracking_number, date_created, "
        "estimated_delivery_limit, receiver_name, destination_city, destination_state, raw->>'id' FROM shipments",
    )
    assert row == (
        result.entity_id,
        44123456702,
        "shipped",
        "in_hub",
        "me2",
        "drop_off",
        "MEL44123456702FMDOF01",
        datetime.fromisoformat("2025-03-11T09:10:02.000-04:00"),
        datetime.fromisoformat("2025-03-14T00:00:00.000-03:00"),
        "Mariana Costa",
        "Belo Horizonte",
        "Minas Gerais",
        "44123456702",
    )
    assert row[7].tzinfo is not None


async def test_pending_shipment_without_tracking(services, meli_account_a) -> None:
    await apply(services, meli_account_a, load_fixture("shipments/44123456707.json"))
    assert await rows(
        services, meli_account_a.tenant_id, "SELECT status, substatus, tracking_number FROM shipments"
    ) == [("pending", "buffered", None)]


async def test_replay_and_older_versions_change_nothing(services, meli_account_a) -> None:
    raw = load_fixture(PACK_SHIPMENT)
    first = await apply(services, meli_account_a, raw)
    again = await apply(services, meli_account_a, copy.deepcopy(raw))
    assert not again.changed and again.entity_id == first.entity_id
    delivered = {**copy.deepcopy(raw), "status": "delivered", "substatus": None}
    delivered["last_updated"] = "2025-03-14T11:00:00.000-03:00"
    assert (await apply(services, meli_account_a, delivered)).changed
    stale = await apply(services, meli_account_a, {**raw, "substatus": "out_for_delivery"})
    assert not stale.changed
    tenant = meli_account_a.tenant_id
    assert await rows(services, tenant, "SELECT status, substatus FROM shipments") == [("delivered", None)]
    assert await rows(services, tenant, "SELECT count(*) FROM idempotency_keys WHERE key LIKE '%|SHIPMENT|%'") == [(2,)]


async def test_a_pack_shipment_serves_both_orders(services, meli_account_a) -> None:
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for order in ("2000009876543202", "2000009876543203", "2000009876543201"):
            await apply_order(session, meli_account_a, load_fixture(f"orders/{order}.json"), event_id=uuid.uuid4())
        await apply_shipment(session, meli_account_a, load_fixture(PACK_SHIPMENT), event_id=uuid.uuid4())
        assert await orders_of_shipment(session, 44123456702) == [2000009876543202, 2000009876543203]


async def test_tenant_b_cannot_see_tenant_a_shipments(services, meli_account_a, meli_account_b) -> None:
    await apply(services, meli_account_a, load_fixture(PACK_SHIPMENT))
    await apply(services, meli_account_b, load_fixture("shipments/44200000009.json"))
    assert await rows(services, meli_account_b.tenant_id, "SELECT ml_id FROM shipments") == [(44200000009,)]
    assert await rows(services, meli_account_a.tenant_id, "SELECT ml_id FROM shipments") == [(44123456702,)]
