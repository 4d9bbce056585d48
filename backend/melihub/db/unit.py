"""A unit of work: one tenant transaction, and what must happen only once it has committed.

A mutation's change and its audit row commit together; side effects outside the database (a job for the
worker, a Redis mark) run after the commit, so a worker never picks up a job whose rows are not visible
yet, and a rolled-back change leaves none behind.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.engine import Database

AfterCommit = Callable[[], Awaitable[object]]


class UnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._after_commit: list[AfterCommit] = []

    def after_commit(self, action: AfterCommit) -> None:
        self._after_commit.append(action)

    async def committed(self) -> None:
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            await action()


@asynccontextmanager
async def unit_of_work(
    db: Database, tenant_id: uuid.UUID, *, user_id: uuid.UUID | None = None
) -> AsyncIterator[UnitOfWork]:
    """A new transaction; its after-commit actions run once it committed (none when it rolled back)."""
    async with db.tenant(tenant_id, user_id=user_id) as session:
        unit = UnitOfWork(session)
        yield unit
    await unit.committed()


@asynccontextmanager
async def within(
    db: Database, tenant_id: uuid.UUID, unit: UnitOfWork | None, *, user_id: uuid.UUID | None = None
) -> AsyncIterator[UnitOfWork]:
    """The caller's unit of work when it passes one (its transaction, its commit), else a new one."""
    if unit is not None:
        yield unit
        return
    async with unit_of_work(db, tenant_id, user_id=user_id) as own:
        yield own
