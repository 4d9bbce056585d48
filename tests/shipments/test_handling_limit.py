"""A shipment's dispatch deadline (``handling_limit``), read from Mercado Livre's shipment JSON.

The reference names no such field (unsure): Mercado Livre's ``lead_time.estimated_handling_limit.date``
when present, else ``date_created`` plus ``lead_time.estimated_delivery_time.handling`` hours. The single
applier, the batch applier and migration 0008's backfill of stored shipments all read it the same way.
"""

from __future__ import annotations

import asyncio
import copy
import json
import uuid
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.db import migrate as migrations
from melihub.db.engine import async_url
from melihub.shipments.service import apply_shipment, apply_shipments, handling_limit_of
from melihub.testing.databases import DatabaseFactory
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import gid, gql, login
from tests.conftest import OWNER_PASSWORD

FIXTURE = "shipments/44123456702.json"  # created 2025-03-11T09:10:02-04:00, 24 handling hours
FROM_HANDLING_HOURS = datetime.fromisoformat("2025-03-12T09:10:02-04:00")
EXPLICIT = "2025-03-11T18:00:00.000-03:00"


def shipment(ml_id: int, **changes: Any) -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture(FIXTURE))
    raw["id"] = ml_id
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        node = raw
        for step in parents:
            node = node.setdefault(step, {})
        if value is None:
            node.pop(leaf, None)
        else:
            node[leaf] = value
    return raw


VARIANTS: dict[str, dict[str, Any]] = {
    "from handling hours": shipment(1),
    "explicit limit wins": shipment(2, lead_time__estimated_handling_limit={"date": EXPLICIT}),
    "fractional hours": shipment(3, lead_time__estimated_delivery_time__handling=1.5),
    "no handling hours": shipment(4, lead_time__estimated_delivery_time__handling=None),
    "hours as text": shipment(5, lead_time__estimated_delivery_time__handling="24"),
    "hours as words": shipment(9, lead_time__estimated_delivery_time__handling="a day"),
    "limit without offset": shipment(10, lead_time__estimated_handling_limit={"date": "2025-03-11T18:00:00"}),
    "negative hours": shipment(6, lead_time__estimated_delivery_time__handling=-2),
    "no lead time": shipment(7, lead_time=None),
    "unreadable created": shipment(8, date_created="soon"),
}
EXPECTED: dict[str, datetime | None] = {
    "from handling hours": FROM_HANDLING_HOURS,
    "explicit limit wins": datetime.fromisoformat(EXPLICIT),
    "fractional hours": datetime.fromisoformat("2025-03-11T10:40:02-04:00"),
    "no handling hours": None,
    "hours as text": None,
    "hours as words": None,
    "limit without offset": datetime.fromisoformat("2025-03-11T18:00:00+00:00"),  # naive is UTC
    "negative hours": None,
    "no lead time": None,
    "unreadable created": None,
}


def test_the_deadline_is_the_explicit_limit_else_created_plus_handling_hours() -> None:
    assert {name: handling_limit_of(raw) for name, raw in VARIANTS.items()} == EXPECTED


async def _stored(services, tenant_id) -> dict[int, datetime | None]:
    async with services.db.tenant(tenant_id) as session:
        return dict((await session.exec(text("SELECT ml_id, handling_limit FROM shipments"))).all())  # type: ignore[call-overload]


async def test_the_single_and_the_batch_applier_store_it(services, meli_account_a) -> None:
    account, tenant = meli_account_a, meli_account_a.tenant_id
    async with services.db.tenant(tenant) as session:
        await apply_shipment(session, account, VARIANTS["from handling hours"], event_id=uuid.uuid4())
        await apply_shipments(session, account, [VARIANTS["explicit limit wins"], VARIANTS["no lead time"]])
    assert await _stored(services, tenant) == {1: FROM_HANDLING_HOURS, 2: datetime.fromisoformat(EXPLICIT), 7: None}


async def test_the_api_shows_it(client: httpx.AsyncClient, services, meli_account_a) -> None:
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        result = await apply_shipment(session, meli_account_a, VARIANTS["from handling hours"])
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await gql(
        client, "query($id: ID!) { shipment(id: $id) { handlingLimit } }", {"id": gid("Shipment", result.entity_id)}
    )
    assert datetime.fromisoformat(body["data"]["shipment"]["handlingLimit"]) == FROM_HANDLING_HOURS


INSERT_0007 = text(
    "INSERT INTO shipments (id, tenant_id, meli_account_id, raw, synced_at, ml_id, status) "
    "VALUES (:id, :tenant, :account, CAST(:raw AS jsonb), now(), :ml_id, 'ready_to_ship')"
)


async def test_migration_0008_backfills_stored_shipments_by_the_same_rule(
    database_factory: DatabaseFactory, db_name: str, meli_account_a
) -> None:
    url = database_factory.admin_url_of(db_name)
    await asyncio.to_thread(migrations.downgrade, url, "0007")
    engine = create_async_engine(async_url(url))
    try:
        async with engine.begin() as conn:
            for raw in VARIANTS.values():
                row = {"id": uuid.uuid4(), "raw": json.dumps(raw), "ml_id": raw["id"]}
                await conn.execute(
                    INSERT_0007, {**row, "tenant": meli_account_a.tenant_id, "account": meli_account_a.id}
                )
        await asyncio.to_thread(migrations.upgrade, url, "head")
        async with engine.connect() as conn:
            stored = dict((await conn.execute(text("SELECT ml_id, handling_limit FROM shipments"))).all())
    finally:
        await engine.dispose()
    assert {name: stored[raw["id"]] for name, raw in VARIANTS.items()} == EXPECTED
