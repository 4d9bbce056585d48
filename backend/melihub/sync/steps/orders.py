"""Orders by date windows, each page with the shipments it brings that melihub does not hold yet.

A window whose total is more than offset paging reaches is split in halves (its page is asked again by
the halves: the only request a split costs). Shipments are fetched once per run even when a pack's
orders share one, and not at all when the stored order already points at a stored shipment (backfill)
or the order did not change (incremental): shipments have their own notifications.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from melihub.meli import errors as meli_errors
from melihub.meli.client import ORDER_SEARCH_MAX_LIMIT
from melihub.meli.values import as_int, ml_time
from melihub.sync import checkpoints, queries
from melihub.sync.context import Record, RunContext
from melihub.sync.fetch import together
from melihub.sync.models import CheckpointStatus, RunKind, SyncCheckpoint
from melihub.sync.windows import Window

RESOURCE = "orders"
SHIPMENTS_PER_STEP = 10


def units(windows: list[Window]) -> list[tuple[str, str, Any, Any]]:
    return [(RESOURCE, w.key, (w.start, w.end), w.state()) for w in windows]


async def run_window(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    """Page by page: a page's orders commit with the checkpoint and the list of shipments they still need;
    those are fetched and committed a few at a time. Every step leaves the checkpoint consistent."""
    assert checkpoint.window_from is not None and checkpoint.window_to is not None
    window = Window.from_checkpoint(checkpoint.state, checkpoint.window_from, checkpoint.window_to)
    while True:
        await _drain_shipments(ctx, checkpoint)
        if checkpoint.state.get("exhausted"):
            await ctx.commit([], checkpoint, status=CheckpointStatus.DONE.value)
            return
        ctx.fetcher.between_steps()
        if not await _next_page(ctx, checkpoint, window):
            return


async def _next_page(ctx: RunContext, checkpoint: SyncCheckpoint, window: Window) -> bool:
    """One page of the window applied; False when the window was split instead."""
    cap = ctx.services.settings.sync_order_search_max_offset
    offset = checkpoint.next_offset
    page = await ctx.fetcher.call(
        partial(
            ctx.client.search_orders,
            ctx.ref,
            offset=offset,
            limit=ORDER_SEARCH_MAX_LIMIT,
            sort="date_asc",
            **window.search_filters(),
        )
    )
    total = int(page.paging.total or 0) if page.paging else len(page.results)
    if offset == 0 and total > cap and window.can_split():
        await _split(ctx, checkpoint, window)
        return False
    if offset == 0:
        ctx.progress.found(RESOURCE, total)
    # One global lock order (buyer, then order) across concurrent pages: no deadlock on customers.
    orders = sorted((order.raw for order in page.results), key=_lock_order)
    offset += len(orders)
    # Past the cap only a window narrower than a second remains: take what paging reaches, say so.
    exhausted = not orders or offset >= total or offset + ORDER_SEARCH_MAX_LIMIT > cap
    if exhausted and offset < total:
        ctx.note(f"orders window {window.key}: {total - offset} orders beyond the search's reach")
    needed = await _shipments_needed(ctx, orders)
    state = {**checkpoint.state, "pending_shipments": needed, "exhausted": exhausted}
    await ctx.commit(
        [Record("order", raw) for raw in orders],
        checkpoint,
        next_offset=offset,
        total=total,
        done=checkpoint.done + len(orders),
        state=state,
    )
    ctx.progress.finished(RESOURCE, ctx.first_seen(orders))
    ctx.progress.found("shipments", len(needed))
    return True


async def _drain_shipments(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    pending = [int(s) for s in checkpoint.state.get("pending_shipments", [])]
    while pending:
        ctx.fetcher.between_steps()
        batch, rest = pending[:SHIPMENTS_PER_STEP], pending[SHIPMENTS_PER_STEP:]
        fetched = [r for r in await together(_shipment(ctx, shipment) for shipment in batch) if r is not None]
        state = {
            **checkpoint.state,
            "pending_shipments": rest,
            "shipments": int(checkpoint.state.get("shipments", 0)) + len(batch),
        }
        await ctx.commit(fetched, checkpoint, state=state)
        ctx.progress.finished("shipments", len(batch))
        pending = rest


def _lock_order(raw: dict[str, Any]) -> tuple[int, int]:
    return (as_int((raw.get("buyer") or {}).get("id")) or 0, int(raw["id"]))


async def _split(ctx: RunContext, checkpoint: SyncCheckpoint, window: Window) -> None:
    left, right = window.halves()
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        await checkpoints.add_many(session, ctx.run, units([left, right]))
        await checkpoints.move(
            session, checkpoint, status=CheckpointStatus.DONE.value, total=0, state={**checkpoint.state, "split": True}
        )


def _changed(raw: dict[str, Any], held: tuple[int | None, datetime | None] | None) -> bool:
    updated = ml_time(raw.get("last_updated") or raw.get("date_last_updated"))
    return held is None or held[1] is None or updated is None or updated > held[1]


async def _shipments_needed(ctx: RunContext, orders: list[dict[str, Any]]) -> list[int]:
    """The shipments of ``orders`` this run must still fetch (each once per run)."""
    wanted: dict[int, dict[str, Any]] = {}
    for raw in orders:
        shipment = as_int((raw.get("shipping") or {}).get("id"))
        if shipment is not None and shipment not in ctx.shipments_taken:
            wanted.setdefault(shipment, raw)
    if not wanted:
        return []
    ctx.shipments_taken.update(wanted)  # before the await: a concurrent page must not take them too
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        held_orders = await queries.held_orders(session, [int(raw["id"]) for raw in wanted.values()])
        held_shipments = await queries.held_shipments(session, wanted)
    incremental = ctx.run.kind == RunKind.INCREMENTAL.value
    needed = []
    for shipment, raw in wanted.items():
        held = held_orders.get(int(raw["id"]))
        linked = shipment in held_shipments and held is not None and held[0] == shipment
        if not linked or (incremental and _changed(raw, held)):
            needed.append(shipment)
    return needed


async def _shipment(ctx: RunContext, shipment_id: int) -> Record | None:
    try:
        shipment = await ctx.fetcher.call(lambda: ctx.client.get_shipment(ctx.ref, shipment_id))
    except (meli_errors.NotFound, meli_errors.Forbidden) as exc:
        ctx.note(f"shipment {shipment_id}: {type(exc).__name__}")
        return None
    return Record("shipment", shipment.raw)
