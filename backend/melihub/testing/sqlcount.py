"""Counting the SQL statements a piece of work sends through a ``Database`` (tests and benchmarks).

``Database.tenant()`` opens every transaction with one ``set_config`` statement binding the tenant; that
cost is per transaction, not per query shape, so it is counted apart (``tenant_setups``) and left out of
``queries``. What ``queries`` counts is what a DataLoader or a resolver asked PostgreSQL for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from melihub.db.engine import Database

# The text of engine.SET_TENANT; matching the call, not the whole string, survives reformatting.
TENANT_SETUP_MARK = "set_config('app.tenant_id'"


def is_tenant_setup(statement: str) -> bool:
    return TENANT_SETUP_MARK in statement


@dataclass
class StatementCount:
    """What ran while counting: the statements (tenant setups excluded) and the number of tenant setups."""

    statements: list[str] = field(default_factory=list)
    tenant_setups: int = 0
    # The listener may fire on another thread (a server under test runs its own event loop there).
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def queries(self) -> int:
        return len(self.statements)

    def record(self, statement: str) -> None:
        with self._lock:
            if is_tenant_setup(statement):
                self.tenant_setups += 1
            else:
                self.statements.append(statement)

    def reset(self) -> None:
        with self._lock:
            self.statements.clear()
            self.tenant_setups = 0

    def snapshot(self) -> tuple[int, int]:
        """(queries, tenant setups) so far."""
        with self._lock:
            return len(self.statements), self.tenant_setups

    def report(self) -> str:
        """One statement a line (for assertion messages)."""
        with self._lock:
            lines = [" ".join(statement.split()) for statement in self.statements]
        return "\n".join([f"{len(lines)} queries, {self.tenant_setups} tenant setups:", *lines])


@contextmanager
def count_statements(database: Database) -> Iterator[StatementCount]:
    """Count what ``database``'s engine executes inside the block (every connection of its pool)."""
    counted = StatementCount()
    engine: Engine = database.engine.sync_engine

    def before_cursor_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        counted.record(statement)

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)
