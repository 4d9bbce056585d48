"""An export never ends half-built: a failing try is FAILED with a clear error and no chunks; a cancelled try
(the worker stopping) goes back to QUEUED for arq's retry; a try of a worker killed outright is redone from
scratch by the retry; an export whose worker never came back is failed by the cleanup cron."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from typing import Any

import pytest
import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.exports import runner, storage
from melihub.exports.models import ExportChunk
from melihub.graphql.relay import row_id_of
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub_workers.tasks.exports import clean_up_exports, run_export
from tests.exports.world import ExportWorld, export_world, sao_paulo


@pytest_asyncio.fixture
async def world(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> AsyncIterator[ExportWorld]:
    async with export_world(services, *tenant_a, meli_account_a) as built:
        for day in range(1, 13):
            await built.order(built.account, sao_paulo(2026, 11, day), lines=(("Cafeteira " * 20, "CAF", 1),))
        yield built


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 3 rows and chunks of 256 bytes: a dozen orders make several of each."""
    monkeypatch.setattr(runner, "BATCH_ROWS", 3)
    monkeypatch.setattr(storage, "CHUNK_BYTES", 256)


def breaking_after(batches: int, error: BaseException, real: Any) -> Any:
    """``runner._write`` that raises ``error`` once ``batches`` batches were written."""
    seen = {"count": 0}

    async def write(attempt: Any, writer: Any, buffer: Any, batch: Sequence[Any]) -> None:
        if seen["count"] == batches:
            raise error
        seen["count"] += 1
        await real(attempt, writer, buffer, batch)

    return write


async def job(world: ExportWorld, export_id: str) -> dict[str, str]:
    return await run_export({"services": world.services}, str(world.tenant.id), str(row_id_of(export_id, "Export")))


async def test_a_failing_try_is_failed_with_a_clear_error_and_keeps_no_chunks(
    world: ExportWorld, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_id = (await world.start("owner", "ORDERS"))["export"]["id"]
    monkeypatch.setattr(runner, "_write", breaking_after(2, RuntimeError("disk on fire"), runner._write))

    outcome = await job(world, export_id)
    row = await world.export_row(export_id)

    assert outcome == {"status": "FAILED"}
    assert (row.status, row.error) == ("FAILED", "the file could not be built (RuntimeError); start it again")
    assert await world.chunk_seqs(export_id) == []
    assert await job(world, export_id) == {"status": "SKIPPED"}  # a FAILED export is not built again


async def test_a_cancelled_try_goes_back_to_queued_and_the_retry_builds_the_whole_file(
    world: ExportWorld, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_id = (await world.start("owner", "ORDERS"))["export"]["id"]
    real = runner._write
    monkeypatch.setattr(runner, "_write", breaking_after(2, asyncio.CancelledError(), real))

    with pytest.raises(asyncio.CancelledError):
        await job(world, export_id)
    interrupted = await world.export_row(export_id)
    leftovers = await world.chunk_seqs(export_id)
    monkeypatch.setattr(runner, "_write", real)
    retried = await job(world, export_id)
    rows = await world.csv_rows("owner", export_id)

    assert (interrupted.status, interrupted.attempts, leftovers) == ("QUEUED", 1, [])
    assert retried == {"status": "DONE"} and len(rows) == 13
    row = await world.export_row(export_id)
    assert row.attempts == 2 and row.error is None


async def test_the_retry_after_a_killed_worker_starts_from_scratch(world: ExportWorld, small_batches: None) -> None:
    export_id = (await world.start("owner", "ORDERS"))["export"]["id"]
    row_id = row_id_of(export_id, "Export")
    # What a worker killed mid-export leaves: RUNNING, part of the file, stale chunks beyond the new file's end.
    await world.sql("UPDATE exports SET status = 'RUNNING', attempts = 1, rows = 6 WHERE id = :id", id=row_id)
    await world.add(
        *(ExportChunk(tenant_id=world.tenant.id, export_id=row_id, seq=seq, data=b"junk") for seq in range(40))
    )

    assert await job(world, export_id) == {"status": "DONE"}
    rows = await world.csv_rows("owner", export_id)
    seqs = await world.chunk_seqs(export_id)
    assert len(rows) == 13 and seqs == list(range(len(seqs))) and len(seqs) < 40


async def test_an_export_whose_worker_never_came_back_is_failed_by_the_cleanup(world: ExportWorld) -> None:
    export_id = (await world.start("owner", "ORDERS"))["export"]["id"]
    row_id = row_id_of(export_id, "Export")
    await world.sql("UPDATE exports SET status = 'RUNNING' WHERE id = :id", id=row_id)
    await world.add(ExportChunk(tenant_id=world.tenant.id, export_id=row_id, seq=0, data=b"half"))

    soon = await clean_up_exports({"services": world.services}, now=utcnow() + timedelta(minutes=1))
    later = await clean_up_exports({"services": world.services}, now=utcnow() + timedelta(minutes=10))
    row = await world.export_row(export_id)

    assert soon == {"expired": 0, "failed": 0} and later == {"expired": 0, "failed": 1}
    assert (row.status, row.error) == ("FAILED", "the export's worker stopped before it finished: start it again")
    assert await world.chunk_seqs(export_id) == []


async def test_progress_is_published_while_the_export_runs(world: ExportWorld, small_batches: None) -> None:
    export_id = (await world.start("owner", "ORDERS"))["export"]["id"]
    pubsub = world.services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(world.tenant.id))
    try:
        await pubsub.get_message(timeout=1)  # the subscription's confirmation
        await job(world, export_id)
        seen = []
        for _ in range(40):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
            if message is not None:
                seen.append(message["data"].decode())
    finally:
        await pubsub.aclose()
    versions = [m for m in seen if '"type":"export"' in m]
    assert any('"version":"RUNNING:0"' in m for m in versions), seen
    assert versions[-1].endswith('"version":"DONE:12","meli_account_id":null}')


async def test_an_xlsx_too_long_to_build_in_time_fails_at_once_with_a_clear_error(
    world: ExportWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "XLSX_MAX_ROWS", 10)
    export_id = (await world.start("owner", "ORDERS", "XLSX"))["export"]["id"]

    assert await job(world, export_id) == {"status": "FAILED"}
    row = await world.export_row(export_id)
    assert row.error == "12 rows are too many for XLSX (at most 10): export CSV, or narrow the range or accounts"
    assert await world.chunk_seqs(export_id) == []
