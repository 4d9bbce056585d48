"""The worker's cron: a backfill for an account that never had one, an incremental run when one is due,
nothing while a run is open or fresh, and a second chance for a run whose worker died."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from melihub.db.base import utcnow
from melihub.sync import schedule
from melihub.sync.models import RunStatus, SyncCursor, SyncRun


async def _add(services, tenant_id, *rows) -> None:
    async with services.db.tenant(tenant_id) as session:
        for row in rows:
            session.add(row)


async def _kinds(services, tenant_id) -> list[tuple[str, str]]:
    async with services.db.tenant(tenant_id) as session:
        rows = await session.exec(text("SELECT kind, status FROM sync_runs ORDER BY created_at"))
        return [tuple(row) for row in rows.all()]


def _finished(account, kind: str, ago: timedelta) -> SyncRun:
    at = utcnow() - ago
    return SyncRun(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        kind=kind,
        status=RunStatus.SUCCEEDED.value,
        since=at - timedelta(days=30),
        until=at,
        created_at=at - timedelta(minutes=1),
        started_at=at - timedelta(minutes=1),
        finished_at=at,
    )


def _cursor(account, ago: timedelta) -> SyncCursor:
    at = utcnow() - ago
    return SyncCursor(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        orders_updated_to=at,
        questions_to=at,
        listings_scanned_at=at,
        last_synced_at=at,
        last_backfill_at=at,
    )


async def test_an_account_never_synced_gets_a_backfill(meli_services, meli_account_a) -> None:
    outcome = await schedule.schedule(meli_services)
    assert len(outcome.queued) == 1
    assert await _kinds(meli_services, meli_account_a.tenant_id) == [("backfill", "queued")]


async def test_nothing_is_queued_right_after_a_run_or_while_one_is_open(meli_services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    await _add(meli_services, tenant, _finished(meli_account_a, "backfill", timedelta(seconds=5)))
    await _add(meli_services, tenant, _cursor(meli_account_a, timedelta(seconds=5)))
    assert (await schedule.schedule(meli_services)).queued == []
    assert await _kinds(meli_services, tenant) == [("backfill", "succeeded")]


async def test_an_incremental_run_is_queued_when_the_last_one_is_old_enough(meli_services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    await _add(meli_services, tenant, _finished(meli_account_a, "backfill", timedelta(minutes=11)))
    await _add(meli_services, tenant, _cursor(meli_account_a, timedelta(minutes=11)))
    assert len((await schedule.schedule(meli_services)).queued) == 1
    assert await _kinds(meli_services, tenant) == [("backfill", "succeeded"), ("incremental", "queued")]


async def test_a_run_whose_heartbeat_stopped_is_queued_again(meli_services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    stale = utcnow() - timedelta(minutes=10)
    run = SyncRun(
        tenant_id=tenant,
        meli_account_id=meli_account_a.id,
        kind="backfill",
        status=RunStatus.RUNNING.value,
        since=stale - timedelta(days=30),
        until=stale,
        created_at=stale,
        started_at=stale,
        heartbeat_at=stale,
    )
    await _add(meli_services, tenant, run)
    outcome = await schedule.schedule(meli_services)
    assert (outcome.queued, outcome.revived) == ([], [str(run.id)])
    jobs = await meli_services.redis.keys("arq:job:sync:*")
    assert any(str(run.id).encode() in key for key in jobs), jobs
