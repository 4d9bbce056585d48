"""A run's checkpoints in the database: created once per unit, moved in the transaction that applies its page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.sync.models import CheckpointStatus, SyncCheckpoint, SyncRun

MOVABLE = frozenset({"status", "next_offset", "total", "done", "state"})


async def of_run(session: AsyncSession, run_id: uuid.UUID) -> list[SyncCheckpoint]:
    rows = await session.exec(
        select(SyncCheckpoint).where(SyncCheckpoint.run_id == run_id).order_by(col(SyncCheckpoint.key))
    )
    return list(rows.all())


async def pending_of(session: AsyncSession, run_id: uuid.UUID) -> list[SyncCheckpoint]:
    rows = await session.exec(
        select(SyncCheckpoint)
        .where(SyncCheckpoint.run_id == run_id, SyncCheckpoint.status == CheckpointStatus.PENDING.value)
        .order_by(col(SyncCheckpoint.key))
    )
    return list(rows.all())


async def has(session: AsyncSession, run_id: uuid.UUID, resource: str) -> bool:
    rows = await session.exec(
        select(SyncCheckpoint.id).where(SyncCheckpoint.run_id == run_id, SyncCheckpoint.resource == resource).limit(1)
    )
    return rows.first() is not None


async def add(
    session: AsyncSession,
    run: SyncRun,
    resource: str,
    key: str,
    *,
    window: tuple[datetime, datetime] | None = None,
    state: dict[str, Any] | None = None,
    done: bool = False,
) -> None:
    """Create the unit unless it exists (a resumed planner asks again for the same units)."""
    statement = (
        insert(SyncCheckpoint.__table__)  # type: ignore[attr-defined]
        .values(
            id=uuid.uuid4(),
            tenant_id=run.tenant_id,
            run_id=run.id,
            resource=resource,
            key=key,
            window_from=window[0] if window else None,
            window_to=window[1] if window else None,
            status=(CheckpointStatus.DONE if done else CheckpointStatus.PENDING).value,
            next_offset=0,
            done=0,
            state=state or {},
            updated_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["run_id", "resource", "key"])
    )
    await session.exec(statement)


async def add_many(session: AsyncSession, run: SyncRun, units: Sequence[tuple[str, str, Any, Any]]) -> None:
    """``(resource, key, window, state)`` each."""
    for resource, key, window, state in units:
        await add(session, run, resource, key, window=window, state=state)


async def move(session: AsyncSession, checkpoint: SyncCheckpoint, **changes: Any) -> None:
    """Set ``changes`` on the row and on ``checkpoint`` itself (units keep their object across sessions)."""
    unknown = set(changes) - MOVABLE
    if unknown:
        raise ValueError(f"not a movable checkpoint field: {sorted(unknown)}")
    if not changes:
        return
    changes["updated_at"] = utcnow()
    table = SyncCheckpoint.__table__  # type: ignore[attr-defined]
    await session.exec(update(table).where(table.c.id == checkpoint.id).values(**changes))
    for name, value in changes.items():
        setattr(checkpoint, name, value)


def pending(rows: Sequence[SyncCheckpoint]) -> list[SyncCheckpoint]:
    return [row for row in rows if row.status == CheckpointStatus.PENDING.value]
