"""What every unit of a run shares: the account, the client, the fetcher, the counters, the apply step.

A unit fetches a page of resources, then :meth:`RunContext.commit` applies them through the resource
registry's appliers (the webhook path's own, so sync and webhooks agree) and moves the unit's
checkpoint in the same transaction: after a crash a page is either applied and checkpointed, or neither.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import DBAPIError

from melihub.connections.models import MeliAccount
from melihub.connections.tokens import account_ref
from melihub.db.idempotent import ApplyResult
from melihub.meli.client import MeliClient
from melihub.meli.connector import MARKETPLACE_MELI, Fetched
from melihub.meli.tokens import AccountRef
from melihub.realtime.bus import Change, publish_many
from melihub.resources import registry
from melihub.runtime import Services
from melihub.sync import checkpoints
from melihub.sync.fetch import Fetcher
from melihub.sync.models import SyncCheckpoint, SyncRun
from melihub.sync.progress import Progress

MAX_NOTES = 50
DEADLOCK_RETRIES = 4
RETRIABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure


def _sqlstate(exc: DBAPIError) -> str | None:
    original = getattr(exc, "orig", None)
    return getattr(original, "sqlstate", None) or getattr(getattr(original, "__cause__", None), "sqlstate", None)


@dataclass(frozen=True)
class Record:
    """One resource to apply: its kind in the registry, its JSON, and (items) its description."""

    kind: str
    raw: dict[str, Any]
    description: dict[str, Any] | None = None

    def fetched(self) -> Fetched:
        return Fetched(MARKETPLACE_MELI, self.kind, str(self.raw.get("id", "")), self.raw)


@dataclass
class RunContext:
    services: Services
    run: SyncRun
    account: MeliAccount
    client: MeliClient
    fetcher: Fetcher
    progress: Progress
    now: datetime
    shipments_taken: set[int] = field(default_factory=set)  # fetched (or being fetched) by this run
    orders_seen: set[int] = field(default_factory=set)  # the cancelled stream repeats some of them
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(text[:300])

    def first_seen(self, orders: Iterable[dict[str, Any]]) -> int:
        ids = {int(raw["id"]) for raw in orders} - self.orders_seen
        self.orders_seen.update(ids)
        return len(ids)

    @property
    def ref(self) -> AccountRef:
        return account_ref(self.account)

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.run.tenant_id

    async def commit(self, records: Iterable[Record], checkpoint: SyncCheckpoint, **moved: Any) -> list[ApplyResult]:
        """Apply ``records`` in order and move ``checkpoint`` (``next_offset``, ``done``…) in one transaction.

        Units commit concurrently and orders of one buyer upsert the same customer row: a deadlock
        PostgreSQL breaks is retried (the whole page again; every applier is idempotent).
        """
        batch = list(records)
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                applied = await self._apply(batch, checkpoint, moved)
                break
            except DBAPIError as exc:
                if attempt == DEADLOCK_RETRIES or _sqlstate(exc) not in RETRIABLE_SQLSTATES:
                    raise
                await asyncio.sleep(random.uniform(0.01, 0.1) * (attempt + 1))
        await self.announce(applied)
        return applied

    async def _apply(self, batch: list[Record], checkpoint: SyncCheckpoint, moved: dict[str, Any]) -> list[ApplyResult]:
        bundles = [registry.Bundle(record.fetched(), description=record.description) for record in batch]
        async with self.services.db.tenant(self.tenant_id) as session:
            applied = await registry.apply_batch(session, self.account, bundles)
            await checkpoints.move(session, checkpoint, **moved)
        return applied

    async def announce(self, applied: Iterable[ApplyResult]) -> None:
        changes = [
            Change(str(self.tenant_id), r.entity_type, str(r.entity_id), r.version, str(self.account.id))
            for r in applied
            if r.changed and r.entity_id
        ]
        await publish_many(self.services.redis, changes)
