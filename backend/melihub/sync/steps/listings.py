"""Listings: every item id through the scan search, then multiget in batches of 20, with descriptions.

The scan is one unit that keeps its scroll id; each page's ids become units of one multiget batch, so
a resumed run neither scans again nor asks again for a finished batch. A scroll that expires (about
five minutes idle) is started over; its pages map to the same units, which are not added twice.
Legacy items carry their ``variations``; User Products items are one item per variation and need
nothing else here. A description is only asked for an item that is new or changed since melihub
stored it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from melihub.meli import errors as meli_errors
from melihub.meli.client import ITEM_SEARCH_MAX_LIMIT, MULTIGET_MAX
from melihub.meli.models import ItemResult
from melihub.meli.values import ml_time
from melihub.sync import checkpoints, queries
from melihub.sync.context import Record, RunContext
from melihub.sync.fetch import together
from melihub.sync.models import CheckpointStatus, SyncCheckpoint

RESOURCE = "listings"
SCAN_KEY = "scan"
SCAN_RESTARTS = 3


def scan_unit() -> tuple[str, str, Any, Any]:
    return (RESOURCE, SCAN_KEY, None, {})


async def run(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    if checkpoint.key == SCAN_KEY:
        await _scan(ctx, checkpoint)
        return
    else:
        await _batch(ctx, checkpoint)


async def _scan(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    """Page after page; each page's ids become batch units at once (they start while the scan goes on) and
    the scroll id is kept, so a resumed scan continues where it was. An expired scroll starts over."""
    restarts = 0
    while True:
        ctx.fetcher.between_steps()
        scroll = checkpoint.state.get("scroll_id")
        try:
            page = await ctx.fetcher.call(
                partial(ctx.client.scan_item_ids_page, ctx.ref, scroll_id=scroll, limit=ITEM_SEARCH_MAX_LIMIT)
            )
        except meli_errors.ValidationError as exc:
            if not scroll or "scroll" not in str(exc).lower() or restarts >= SCAN_RESTARTS:
                raise
            restarts += 1
            ctx.note("listings scan: the scroll expired; scanned again from the start")
            await ctx.commit([], checkpoint, state={"pages": 0, "restarts": restarts}, total=0)
            continue
        await _page_found(ctx, checkpoint, page.results, page.scroll_id)
        if not page.results or not page.scroll_id:
            return


async def _page_found(ctx: RunContext, checkpoint: SyncCheckpoint, ids: list[str], scroll: str | None) -> None:
    number = int(checkpoint.state.get("pages", 0))
    batches = [ids[i : i + MULTIGET_MAX] for i in range(0, len(ids), MULTIGET_MAX)]
    units = [(RESOURCE, f"ids:{number:05d}:{n}", None, {"ids": batch}) for n, batch in enumerate(batches)]
    finished = not ids or not scroll
    found = int(checkpoint.total or 0) + len(ids)
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        # A restarted scan asks the same pages again: their units exist already and are not added twice.
        await checkpoints.add_many(session, ctx.run, units)
        await checkpoints.move(
            session,
            checkpoint,
            total=found,
            state={**checkpoint.state, "pages": number + 1, "scroll_id": scroll},
            status=(CheckpointStatus.DONE if finished else CheckpointStatus.PENDING).value,
        )
    ctx.progress.found(RESOURCE, len(ids))


async def _batch(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    ids = [str(i) for i in checkpoint.state.get("ids", [])]
    batches = [ids[i : i + MULTIGET_MAX] for i in range(0, len(ids), MULTIGET_MAX)]
    pages = await together(ctx.fetcher.call(partial(ctx.client.get_items, ctx.ref, batch)) for batch in batches)
    found = [entry for page in pages for entry in page if entry.item is not None]
    for entry in (entry for page in pages for entry in page if entry.item is None):
        ctx.note(f"listing {entry.id}: {entry.code}")
    changed = await _changed(ctx, found)
    descriptions = await together(_description(ctx, entry.id) for entry in changed)
    records = [
        Record("item", entry.item.raw, description)  # type: ignore[union-attr]
        for entry, description in zip(changed, descriptions, strict=True)
    ]
    await ctx.commit(records, checkpoint, status=CheckpointStatus.DONE.value, done=len(found), total=len(ids))
    ctx.progress.finished(RESOURCE, len(found))


async def _changed(ctx: RunContext, entries: list[ItemResult]) -> list[ItemResult]:
    """Items new to melihub or changed since it stored them (only those need a description and a write)."""
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        held = await queries.held_listings(session, [entry.id for entry in entries])
    changed = []
    for entry in entries:
        assert entry.item is not None
        updated = ml_time(entry.item.raw.get("last_updated"))
        stored = held.get(entry.id)
        if entry.id not in held or stored is None or updated is None or updated > stored:
            changed.append(entry)
    return changed


async def _description(ctx: RunContext, item_id: str) -> dict[str, Any] | None:
    try:
        return (await ctx.fetcher.call(lambda: ctx.client.get_item_description(ctx.ref, item_id))).raw
    except meli_errors.NotFound:
        return None  # an item without a description
