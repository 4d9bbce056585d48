"""What a run asks Mercado Livre for, decided once when it starts and kept as checkpoints; and the
counters of a resumed run, rebuilt from those checkpoints (they moved with the data, the counters did not)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from melihub.config import Settings
from melihub.sync.models import RunKind, SyncCheckpoint, SyncCursor, SyncRun
from melihub.sync.progress import Progress
from melihub.sync.steps import comms, listings, orders
from melihub.sync.windows import CREATED, UPDATED, plan, searchable_since

Unit = tuple[str, str, Any, Any]
# The last window reaches past the run's start: an order created while it runs (or stamped by a clock a
# little ahead of ours) is found now rather than at the next incremental run.
AHEAD = timedelta(days=1)


def listings_due(cursor: SyncCursor | None, settings: Settings, now: datetime) -> bool:
    scanned = cursor.listings_scanned_at if cursor else None
    return scanned is None or now - scanned >= timedelta(seconds=settings.sync_listings_every_s)


def units_of(run: SyncRun, cursor: SyncCursor | None, settings: Settings, now: datetime) -> list[Unit]:
    assert run.since is not None and run.until is not None
    days = settings.sync_order_window_days
    if run.kind == RunKind.BACKFILL.value:
        windows = plan(CREATED, searchable_since(run.since, now), run.until + AHEAD, days)
        return [
            *orders.units(windows),
            listings.scan_unit(),
            comms.question_unit(run.since),
            *comms.claim_units(),
        ]
    overlap = timedelta(seconds=settings.sync_overlap_s)
    asked_since = cursor.questions_to - overlap if cursor and cursor.questions_to else run.since
    units = [
        *orders.units(plan(UPDATED, searchable_since(run.since, now), run.until + AHEAD, days)),
        comms.question_unit(min(asked_since, run.since)),
        *comms.claim_units(("opened",)),
    ]
    if listings_due(cursor, settings, now):
        units.append(listings.scan_unit())
    return units


def restored(rows: Sequence[SyncCheckpoint], requests: int, errors: int) -> Progress:
    progress = Progress(requests=requests, errors=errors)
    for row in rows:
        counter = progress.of(row.resource)
        if row.resource == orders.RESOURCE:
            if not row.state.get("split"):
                counter.total += row.total or 0
                counter.done += row.done
                shipments = progress.of("shipments")
                shipments.done += int(row.state.get("shipments", 0))
                shipments.total += int(row.state.get("shipments", 0)) + len(row.state.get("pending_shipments", []))
        elif row.key in (listings.SCAN_KEY, comms.PLANNED):
            counter.total += row.total or int(row.state.get("threads", 0))
        else:
            counter.done += row.done
            if row.resource in (comms.QUESTIONS, comms.CLAIMS):
                counter.total += row.total or 0
    for counter in progress.resources.values():
        counter.total = max(counter.total, counter.done)
    return progress
