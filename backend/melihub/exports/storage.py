"""An export's file in PostgreSQL: pieces of about a megabyte (``export_chunks``), written as the job goes
and read back one at a time to serve the download, so neither side holds the whole file."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

from sqlalchemy import delete, func, insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.engine import Database
from melihub.exports.models import ExportChunk

CHUNK_BYTES = 1 << 20


class ChunkBuffer:
    """Bytes waiting to become chunks; ``full`` hands out the whole chunks, ``rest`` the tail at the end."""

    def __init__(self, export_id: uuid.UUID, tenant_id: uuid.UUID) -> None:
        self.export_id = export_id
        self.tenant_id = tenant_id
        self.pending = bytearray()
        self.seq = 0
        self.size = 0

    def add(self, data: bytes) -> None:
        self.pending += data
        self.size += len(data)

    def _take(self, count: int) -> list[dict[str, object]]:
        rows = []
        for _ in range(count):
            piece = bytes(self.pending[:CHUNK_BYTES])
            del self.pending[:CHUNK_BYTES]
            rows.append({"id": uuid.uuid4(), "tenant_id": self.tenant_id, "export_id": self.export_id,
                         "seq": self.seq, "data": piece})  # fmt: skip
            self.seq += 1
        return rows

    def full(self) -> list[dict[str, object]]:
        return self._take(len(self.pending) // CHUNK_BYTES)

    def rest(self) -> list[dict[str, object]]:
        return self._take(1) if self.pending else []


async def store_chunks(session: AsyncSession, rows: list[dict[str, object]]) -> None:
    if rows:
        await session.exec(insert(ExportChunk).values(rows))


async def drop_chunks(session: AsyncSession, export_id: uuid.UUID) -> None:
    await session.exec(delete(ExportChunk).where(col(ExportChunk.export_id) == export_id))


async def chunk_count(session: AsyncSession, export_id: uuid.UUID) -> int:
    query = select(func.count()).select_from(ExportChunk).where(col(ExportChunk.export_id) == export_id)
    return int((await session.exec(query)).one())


async def read_chunks(db: Database, tenant_id: uuid.UUID, export_id: uuid.UUID) -> AsyncIterator[bytes]:
    """The file's bytes in order, one chunk per short transaction (a slow client holds no transaction)."""
    seq = 0
    while True:
        async with db.tenant(tenant_id) as session:
            query = select(ExportChunk.data).where(col(ExportChunk.export_id) == export_id, ExportChunk.seq == seq)
            data = (await session.exec(query)).first()
        if data is None:
            return
        yield bytes(data)
        seq += 1
