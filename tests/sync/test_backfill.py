"""A backfill brings an account's history: orders with shipments, listings with variations and
descriptions, questions, messages and claims, through the same appliers as the webhooks."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import text

from melihub.db.base import utcnow
from melihub.sync import engine, service
from melihub.sync.models import RunKind, RunStatus, SyncRun
from melihub.testing.fixtures import SELLER_A
from tests.conftest import link_seller
from tests.sync.equality import assert_database_equals_export


async def _linked_account(http, sandbox, meli_services, tenant) -> uuid.UUID:
    assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
    async with meli_services.db.tenant(tenant.id) as session:
        [(account_id,)] = (await session.exec(text("SELECT id FROM meli_accounts"))).all()
    return account_id


async def _runs(services, tenant_id) -> list[SyncRun]:
    async with services.db.tenant(tenant_id) as session:
        return list((await session.exec(text("SELECT id, kind, status FROM sync_runs"))).all())


async def test_linking_queues_a_backfill_that_brings_the_whole_history(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    tenant = tenant_a[0]
    account_id = await _linked_account(meli_client_http, sandbox, meli_services, tenant)
    [(_run, kind, status)] = await _runs(meli_services, tenant.id)
    assert (kind, status) == (RunKind.BACKFILL.value, RunStatus.QUEUED.value)
    # The fixture world's orders are older than the default 30 days: ask for a year.
    async with meli_services.db.tenant(tenant.id) as session:
        await session.exec(text("DELETE FROM sync_runs"))
    run, joined = await service.queue_run(meli_services, tenant.id, account_id, since=utcnow() - timedelta(days=360))
    assert not joined
    outcome = await engine.execute(meli_services, tenant.id, run.id)
    assert outcome.status == RunStatus.SUCCEEDED.value, outcome
    compared = await assert_database_equals_export(meli_services, tenant.id, sandbox.export(), {SELLER_A})
    assert compared["orders"] > 0 and compared["listings"] > 0 and compared["questions"] > 0, compared
