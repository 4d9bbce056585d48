"""A batch of shipments applies by the single applier's rules: once per version, never older over newer."""

from __future__ import annotations

import copy

from sqlalchemy import text

from melihub.shipments.service import apply_shipment, apply_shipments
from melihub.testing.fixtures import load_fixture


def _shipment(ml_id: int, updated: str, status: str = "ready_to_ship") -> dict:
    raw = copy.deepcopy(load_fixture("shipments/44123456701.json"))
    return {**raw, "id": ml_id, "last_updated": updated, "status": status}


async def _stored(services, tenant_id) -> dict[int, str]:
    async with services.db.tenant(tenant_id) as session:
        return dict((await session.exec(text("SELECT ml_id, status FROM shipments"))).all())


async def test_a_batch_writes_each_new_version_once_and_keeps_the_newest(services, meli_account_a) -> None:
    account, tenant = meli_account_a, meli_account_a.tenant_id
    async with services.db.tenant(tenant) as session:
        first = await apply_shipments(
            session,
            account,
            [
                _shipment(1, "2026-11-01T10:00:00.000-04:00"),
                _shipment(2, "2026-11-01T10:00:00.000-04:00", "shipped"),
                _shipment(2, "2026-11-02T10:00:00.000-04:00", "delivered"),  # the same shipment, newer
            ],
        )
    assert [(r.external_id, r.changed) for r in first] == [("1", True), ("2", True)]
    assert await _stored(services, tenant) == {1: "ready_to_ship", 2: "delivered"}

    async with services.db.tenant(tenant) as session:
        again = await apply_shipments(
            session,
            account,
            [
                _shipment(1, "2026-11-01T10:00:00.000-04:00"),  # a replay
                _shipment(2, "2026-11-01T12:00:00.000-04:00", "shipped"),  # older than what is stored
                _shipment(3, "2026-11-03T10:00:00.000-04:00"),
            ],
        )
    assert [(r.external_id, r.changed) for r in again] == [("1", False), ("2", False), ("3", True)]
    assert all(r.entity_id is not None for r in again)
    assert await _stored(services, tenant) == {1: "ready_to_ship", 2: "delivered", 3: "ready_to_ship"}


async def test_the_batch_and_the_single_applier_agree_on_versions(services, meli_account_a) -> None:
    account, tenant = meli_account_a, meli_account_a.tenant_id
    raw = _shipment(7, "2026-11-05T10:00:00.000-04:00", "shipped")
    async with services.db.tenant(tenant) as session:
        [batch] = await apply_shipments(session, account, [raw])
    async with services.db.tenant(tenant) as session:
        single = await apply_shipment(session, account, raw)
    assert (batch.changed, single.changed, single.entity_id) == (True, False, batch.entity_id)
