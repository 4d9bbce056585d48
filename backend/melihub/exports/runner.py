"""The job of an export: stream its rows from PostgreSQL through a writer into ``export_chunks``.

Rows come from a server-side cursor in batches of ``BATCH_ROWS`` (``yield_per``), so the worker holds one
batch and less than a chunk of file at a time. Whole chunks are stored as they fill, with the progress
(``rows``, ``progress``, the ``updated_at`` heartbeat), at most about once a second; each progress write
is published (``exportProgress``).

Each try claims the export (``attempts`` + 1) and first deletes the chunks an earlier try left (a worker
killed mid-export: arq runs the job again). Every write of a try is conditioned on its attempt number,
so a try that lost its claim stops. A failure marks the export FAILED with a clear error and deletes its
chunks; a cancelled try (the worker shutting down) puts it back to QUEUED for arq's retry; one whose
worker vanished for good is failed by the cleanup cron once its heartbeat is stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import TextClause, text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.aio import cancel_and_wait
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.exports import kpi_rows, storage
from melihub.exports.columns import file_stem, headers, word
from melihub.exports.filters import ExportFilter
from melihub.exports.models import OPEN_STATUSES, Export, ExportFormat, ExportKind, ExportStatus
from melihub.exports.notify import announce
from melihub.exports.sources import SOURCES, Selection, count_statement, csv_rows_statement, rows_statement
from melihub.exports.writers import FileWriter, writer_for
from melihub.observability import get_logger
from melihub.runtime import Services

BATCH_ROWS = 5000
# xlsxwriter spends ≈ 0.2 ms of CPU per 16-column row (bench/exports): more than this would not finish
# within the worker's job timeout; such an export fails at once with a clear error instead.
XLSX_MAX_ROWS = 250_000
PROGRESS_EVERY_S = 1.0
log = get_logger("melihub.exports.runner")


class LostClaim(Exception):
    """Another try of the same export claimed it since: this one stops without touching it."""


@dataclass
class Attempt:
    services: Services
    export: Export
    attempt: int
    rows: int = 0
    total: int | None = None
    last_progress: float = 0.0

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.export.tenant_id

    @property
    def export_id(self) -> uuid.UUID:
        return self.export.id


async def run_export(services: Services, tenant_id: uuid.UUID, export_id: uuid.UUID) -> str:
    """Build the export's file; the status it ended with (or SKIPPED when it was not open)."""
    attempt = await _claim(services, tenant_id, export_id)
    if attempt is None:
        return "SKIPPED"
    try:
        await _build(attempt)
    except asyncio.CancelledError:
        await asyncio.shield(_end(attempt, ExportStatus.QUEUED, "the worker stopped mid-export; it starts again"))
        raise
    except LostClaim:
        return "SKIPPED"
    except DomainError as exc:
        await _end(attempt, ExportStatus.FAILED, str(exc))
        return ExportStatus.FAILED.value
    except Exception as exc:  # whatever broke, the export says so and keeps no half file
        log.exception("export.failed", export=str(export_id), error=type(exc).__name__)
        await _end(attempt, ExportStatus.FAILED, f"the file could not be built ({type(exc).__name__}); start it again")
        return ExportStatus.FAILED.value
    return ExportStatus.DONE.value


async def _claim(services: Services, tenant_id: uuid.UUID, export_id: uuid.UUID) -> Attempt | None:
    async with services.db.tenant(tenant_id) as session:
        query = select(Export).where(col(Export.id) == export_id).with_for_update()
        export = (await session.exec(query)).first()
        if export is None or export.status not in OPEN_STATUSES:
            return None
        await storage.drop_chunks(session, export_id)
        now = utcnow()
        export.status, export.attempts, export.started_at, export.updated_at = "RUNNING", export.attempts + 1, now, now
        export.rows, export.progress, export.error, export.total_rows = 0, 0.0, None, None
        session.add(export)
    await announce(services, export)
    return Attempt(services, export, export.attempts)


def _mine(attempt: Attempt) -> Any:
    return (col(Export.id) == attempt.export_id) & (col(Export.attempts) == attempt.attempt)


async def _build(attempt: Attempt) -> None:
    export = attempt.export
    kind, locale = ExportKind(export.kind), export.locale
    given = ExportFilter.from_json(export.filter)
    words = {key: word(key, locale) for key in ("yes", "no", "period_total")}
    buffer = storage.ChunkBuffer(export.id, export.tenant_id)
    async with attempt.services.db.tenant(export.tenant_id) as reading:
        if kind is ExportKind.KPIS:
            columns, kpi_batch = await kpi_rows.rows_of(reading, export, given, words)
            writer = writer_for(export.format, columns, headers(columns, locale), file_stem(kind.value, locale))
            attempt.total = len(kpi_batch)
            await _write(attempt, writer, buffer, kpi_batch)
        else:
            source = SOURCES[kind]
            selection = _selection(export, given)
            attempt.total = int((await reading.exec(count_statement(source, selection))).scalar_one())  # type: ignore[call-overload]
            as_csv = export.format == ExportFormat.CSV.value  # PostgreSQL writes the CSV's fields itself
            if not as_csv and attempt.total > XLSX_MAX_ROWS:
                message = (
                    f"{attempt.total:,} rows are too many for XLSX (at most {XLSX_MAX_ROWS:,}): "
                    "export CSV, or narrow the range or accounts"
                )
                raise DomainError(message, field="format", code="TOO_MANY_ROWS")
            sheet = file_stem(kind.value, locale)
            writer = writer_for(
                export.format, source.columns, headers(source.columns, locale), sheet, preformatted=as_csv
            )
            statement = (csv_rows_statement if as_csv else rows_statement)(source, selection, export.time_zone, words)
            try:
                async with contextlib.aclosing(_batches(reading, statement, BATCH_ROWS)) as batches:
                    async for batch in batches:
                        await _write(attempt, writer, buffer, batch)
            except BaseException:
                writer.discard()
                raise
    await _finish(attempt, writer, buffer)


async def _batches(session: AsyncSession, statement: TextClause, size: int) -> AsyncGenerator[list[Any], None]:
    """The statement's rows, ``size`` at a time, from a server-side cursor of the session's transaction.

    Read with asyncpg itself (the session's own connection and transaction): SQLAlchemy's row objects
    and its greenlet hop per fetch were most of the cost of a million rows.
    """
    connection = await session.connection()
    # One long statement read once: compiling it for JIT took seconds and saved nothing.
    await session.exec(text("SET LOCAL jit = off"))  # type: ignore[call-overload]
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    compiled = statement.compile(dialect=connection.dialect)
    args = [compiled.params[name] for name in compiled.positiontup or ()]
    cursor = await driver.cursor(compiled.string, *args)
    # The next batch is fetched while this one is written: PostgreSQL works on it meanwhile.
    pending = asyncio.ensure_future(cursor.fetch(size))
    try:
        while batch := await pending:
            pending = asyncio.ensure_future(cursor.fetch(size))
            yield batch
    finally:
        if not pending.done():
            with contextlib.suppress(Exception):  # the fetch nobody will read: its failure does not matter
                await cancel_and_wait(pending)


def _selection(export: Export, given: ExportFilter) -> Selection:
    span = given.local_range(export.time_zone)
    return Selection(
        tenant_id=export.tenant_id,
        account_ids=export.meli_account_ids,
        start=span.start if span else None,
        end=span.end if span else None,
        statuses=given.statuses,
    )


async def _write(attempt: Attempt, writer: FileWriter, buffer: storage.ChunkBuffer, batch: Sequence[Any]) -> None:
    # Formatting is CPU work: in a thread, so the worker's event loop keeps serving its other jobs.
    buffer.add(await asyncio.to_thread(writer.write_rows, batch))
    attempt.rows += len(batch)
    full = buffer.full()
    if full or time.monotonic() - attempt.last_progress >= PROGRESS_EVERY_S:
        await _progress(attempt, full)


async def _progress(attempt: Attempt, chunks: list[dict[str, object]]) -> None:
    total = attempt.total
    share = min(attempt.rows / total, 0.99) if total else 0.0
    async with attempt.services.db.tenant(attempt.tenant_id) as session:
        await storage.store_chunks(session, chunks)
        values = {"rows": attempt.rows, "total_rows": total, "progress": share, "updated_at": utcnow()}
        moved = await session.exec(update(Export).where(_mine(attempt)).values(**values))
        if moved.rowcount != 1:
            raise LostClaim
    now = time.monotonic()
    if now - attempt.last_progress >= PROGRESS_EVERY_S:
        attempt.last_progress = now
        attempt.export.rows, attempt.export.progress = attempt.rows, share
        await announce(attempt.services, attempt.export)


async def _finish(attempt: Attempt, writer: FileWriter, buffer: storage.ChunkBuffer) -> None:
    for piece in await asyncio.to_thread(lambda: list(writer.finish())):
        buffer.add(piece)
        await _progress(attempt, buffer.full())
    export = attempt.export
    now = utcnow()
    stamp = now.astimezone(ZoneInfo(export.time_zone)).strftime("%Y%m%d-%H%M")
    values = {
        "status": ExportStatus.DONE.value,
        "rows": attempt.rows,
        "total_rows": attempt.rows,
        "progress": 1.0,
        "file_name": f"{file_stem(export.kind, export.locale)}-{stamp}.{writer.extension}",
        "content_type": writer.content_type,
        "size_bytes": buffer.size,
        "finished_at": now,
        "expires_at": now + timedelta(hours=export.keep_hours),
        "updated_at": now,
    }
    async with attempt.services.db.tenant(attempt.tenant_id) as session:
        await storage.store_chunks(session, buffer.rest())
        moved = await session.exec(update(Export).where(_mine(attempt)).values(**values))
        if moved.rowcount != 1:
            raise LostClaim
    for name, value in values.items():
        setattr(export, name, value)
    await announce(attempt.services, export)


async def _end(attempt: Attempt, status: ExportStatus, error: str) -> None:
    """Leave no half file: delete the try's chunks and mark the export (if this try still holds it)."""
    now = utcnow()
    finished = now if status is ExportStatus.FAILED else None
    async with attempt.services.db.tenant(attempt.tenant_id) as session:
        moved = await session.exec(
            update(Export)
            .where(_mine(attempt))
            .values(status=status.value, error=error, finished_at=finished, updated_at=now)
        )
        if moved.rowcount == 1:
            await storage.drop_chunks(session, attempt.export_id)
    attempt.export.status, attempt.export.error = status.value, error
    await announce(attempt.services, attempt.export)
