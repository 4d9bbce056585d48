"""Every run finishes or stops with a clear reason: joined starts, cancels, revoked tokens, 404s, expired
scrolls; and incremental runs catch up what webhooks missed, asking only for what changed."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from sqlalchemy import text

from melihub.db.base import utcnow
from melihub.sandbox.world import iso_ml
from melihub.sync import engine, service
from melihub.sync.models import RunKind, RunStatus
from melihub.testing.fixtures import SELLER_A
from tests.conftest import link_seller
from tests.sync.equality import assert_database_equals_export

YEAR = timedelta(days=360)


async def _linked(http, sandbox, services, tenant) -> uuid.UUID:
    assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
    async with services.db.tenant(tenant.id) as session:
        [(account_id,)] = (await session.exec(text("SELECT id FROM meli_accounts"))).all()
        await session.exec(text("DELETE FROM sync_runs"))  # the link's own 30-day run; each test starts its own
    return account_id


async def _run(services, tenant_id, run_id):
    async with services.db.tenant(tenant_id) as session:
        return (await session.exec(text(f"SELECT status, reason, notes FROM sync_runs WHERE id = '{run_id}'"))).one()


async def test_a_second_start_joins_the_open_run_and_a_second_executor_stays_out(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    first, joined_first = await service.queue_run(meli_services, tenant.id, account, since=utcnow() - YEAR)
    second, joined_second = await service.queue_run(meli_services, tenant.id, account)
    assert (joined_first, joined_second, second.id) == (False, True, first.id)
    outcomes = await asyncio.gather(*(engine.execute(meli_services, tenant.id, first.id) for _ in range(2)))
    assert sorted((o.status, o.busy) for o in outcomes) == [("running", True), ("succeeded", False)]


async def test_a_revoked_token_pauses_the_run_and_relinking_resumes_it_from_its_checkpoints(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    run, _ = await service.queue_run(meli_services, tenant.id, account, since=utcnow() - YEAR)
    sandbox.revoke(SELLER_A)  # the seller removed the app: the token and its refresh token are dead
    paused = await engine.execute(meli_services, tenant.id, run.id)
    status, reason, _notes = await _run(meli_services, tenant.id, run.id)
    assert (paused.status, status) == ("reauth_required", "reauth_required") and "re-authorization" in reason
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200  # resumes the same run
    assert (await _run(meli_services, tenant.id, run.id))[0] == "queued"
    resumed = await engine.execute(meli_services, tenant.id, run.id)
    assert resumed.status == "succeeded"
    await assert_database_equals_export(meli_services, tenant.id, sandbox.export(), {SELLER_A})


async def test_a_shipment_that_404s_is_a_note_and_the_rest_of_the_history_arrives(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    order = sandbox.get("orders", 2000009876543201)
    sandbox.put("orders", order["id"], {**order, "shipping": {"id": 49999999999}})  # ML lost it
    run, _ = await service.queue_run(meli_services, tenant.id, account, since=utcnow() - YEAR)
    assert (await engine.execute(meli_services, tenant.id, run.id)).status == "succeeded"
    _status, _reason, notes = await _run(meli_services, tenant.id, run.id)
    assert any("shipment 49999999999: NotFound" in note for note in notes), notes


async def test_a_scroll_that_keeps_expiring_fails_the_run_saying_so(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    sandbox.configure(scroll_ttl_s=0)  # every scroll is expired by the time it is used
    run, _ = await service.queue_run(meli_services, tenant.id, account, since=utcnow() - YEAR)
    outcome = await engine.execute(meli_services, tenant.id, run.id)
    status, reason, notes = await _run(meli_services, tenant.id, run.id)
    assert (outcome.status, status) == ("failed", "failed")
    assert "listings scan" in reason and "scroll" in reason.lower(), reason
    assert any("scroll expired" in note for note in notes), notes


async def test_cancelling_a_running_run_stops_it_at_its_next_beat(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    sandbox.set_faults({"latency_ms": 300})  # slow enough to still be running when cancelled
    run, _ = await service.queue_run(meli_services, tenant.id, account, since=utcnow() - YEAR)
    working = asyncio.create_task(engine.execute(meli_services, tenant.id, run.id))
    await asyncio.sleep(1.2)
    await service.cancel_run(meli_services, tenant.id, run.id)
    outcome = await asyncio.wait_for(working, 10)
    sandbox.set_faults({})
    assert outcome.status == "cancelled"
    assert (await _run(meli_services, tenant.id, run.id))[:2] == ("cancelled", "cancelled")


async def test_an_incremental_run_fetches_only_what_changed_since_the_last_one(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    backfill, _ = await service.queue_run(meli_services, tenant.id, account, since=utcnow() - YEAR)
    assert (await engine.execute(meli_services, tenant.id, backfill.id)).status == "succeeded"
    order = sandbox.get("orders", 2000009876543202)
    now = iso_ml(utcnow())
    sandbox.put("orders", order["id"], {**order, "status": "cancelled", "last_updated": now, "date_last_updated": now})
    sandbox.reset_stats()
    incremental, _ = await service.queue_run(meli_services, tenant.id, account)
    assert incremental.kind == RunKind.INCREMENTAL.value
    assert (await engine.execute(meli_services, tenant.id, incremental.id)).status == RunStatus.SUCCEEDED.value
    async with meli_services.db.tenant(tenant.id) as session:
        [(status,)] = (await session.exec(text(f"SELECT status FROM orders WHERE ml_id = {order['id']}"))).all()
    assert status == "cancelled"
    asked = {route for route in sandbox.stats()["calls"]}
    assert not any("/items" in route for route in asked), asked  # listings were scanned an instant ago
    shipments = [c["path"] for c in sandbox.calls() if c["path"].startswith("/shipments")]
    assert shipments == [f"/shipments/{order['shipping']['id']}"]  # the changed order's, and no other


async def test_relinking_after_a_long_gap_backfills_the_gap_and_a_quick_relink_catches_up(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account = await _linked(meli_client_http, sandbox, meli_services, tenant)
    gap = utcnow() - timedelta(days=3)
    async with meli_services.db.tenant(tenant.id) as session:
        await session.exec(
            text(
                "INSERT INTO sync_cursors (id, tenant_id, meli_account_id, orders_updated_to, last_synced_at, "
                "last_backfill_at) VALUES (gen_random_uuid(), :t, :a, :g, :g, :g)"
            ),
            params={"t": tenant.id, "a": account, "g": gap},
        )
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    async with meli_services.db.tenant(tenant.id) as session:
        [(kind, since, run_id)] = (await session.exec(text("SELECT kind, since, id FROM sync_runs"))).all()
        await session.exec(text("UPDATE sync_runs SET status = 'succeeded', finished_at = now()"))
        await session.exec(text("UPDATE sync_cursors SET last_synced_at = now()"))
    assert kind == "backfill" and gap - timedelta(minutes=6) < since < gap, (kind, since)
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    async with meli_services.db.tenant(tenant.id) as session:
        kinds = (await session.exec(text(f"SELECT kind FROM sync_runs WHERE id <> '{run_id}'"))).all()
    assert [k for (k,) in kinds] == ["incremental"]
