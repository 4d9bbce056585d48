"""The job of a bulk stock operation: every pending line to its result, within the write budget.

Lines are grouped by listing: one ``PUT /items/{id}`` per listing, whatever the number of its lines
(a listing's variations go in one body, naming every variation). Listings are read from Mercado Livre
20 at a time (``GET /items?ids=``, the multiget's limit), so the variations sent are those Mercado
Livre has now; the next 20 are read while this batch is being written. Writes take their slot of the
write budget in the shared rate limiter, so the job goes as fast as the budget allows and never
faster. A 409 is retried with backoff (the item read again between tries), then the lines are
``CONFLICT``. Results are stored with the listing's change, so a job cut by its deadline (or its worker)
continues where it stopped: the next slice takes the lines still without a result.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.catalog import bulk, changes, editing, refusals
from melihub.catalog.changes import ChangeAuthor, EditableState
from melihub.catalog.models import BulkOperation, BulkOperationLine, BulkStatus, LineResult, Listing, Variation
from melihub.catalog.service import ENTITY, apply_item
from melihub.catalog.writes import CONFLICT_BACKOFF_S, CONFLICT_RETRIES, listing_change
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.unit import unit_of_work
from melihub.meli import errors as meli_errors
from melihub.meli.client import MULTIGET_MAX
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services

WRITES_IN_FLIGHT = 8  # enough to keep the write budget busy; the limiter paces them
Outcome = tuple[LineResult, str | None]


@dataclass
class Work:
    """One listing's pending lines, and what the job learns of it."""

    listing: Listing
    account: MeliAccount
    lines: list[BulkOperationLine]
    variation_ml_ids: dict[uuid.UUID, int]  # our variation id → Mercado Livre's
    outcomes: dict[uuid.UUID, Outcome] = field(default_factory=dict)  # by line id
    previous: dict[uuid.UUID, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    services: Services
    tenant_id: uuid.UUID
    operation_id: uuid.UUID
    author: ChangeAuthor


async def run_operation(services: Services, tenant_id: uuid.UUID, operation_id: uuid.UUID, deadline: float) -> bool:
    """Work the operation's pending lines until done or ``deadline`` (monotonic); True: more is left."""
    job = await _start(services, tenant_id, operation_id)
    if job is None:
        return False
    batches = _batches(await _pending(job))
    fetching = asyncio.create_task(_fetch(job, batches[0])) if batches else None
    for index in range(len(batches)):
        assert fetching is not None
        batch = await fetching
        nxt = index + 1 < len(batches) and time.monotonic() < deadline
        fetching = asyncio.create_task(_fetch(job, batches[index + 1])) if nxt else None
        await _write_batch(job, batch)
        await _progress(job)
        if fetching is None and index + 1 < len(batches):
            return True  # the deadline: the next slice continues with the lines still pending
    await _progress(job, finished=True)
    return False


async def _start(services: Services, tenant_id: uuid.UUID, operation_id: uuid.UUID) -> Job | None:
    async with services.db.tenant(tenant_id) as session:
        operation = await session.get(BulkOperation, operation_id)
        if operation is None or operation.status == BulkStatus.DONE.value:
            return None
        if operation.status == BulkStatus.QUEUED.value:
            operation.status, operation.started_at = BulkStatus.RUNNING.value, utcnow()
        author = ChangeAuthor(operation.created_by_user_id, operation.created_by_token_id)
    await bulk.announce(services, operation)
    return Job(services, tenant_id, operation_id, author)


async def _pending(job: Job) -> list[Work]:
    """The lines without a result, grouped by listing (in the order of each listing's first line)."""
    async with job.services.db.tenant(job.tenant_id) as session:
        lines = (
            await session.exec(
                select(BulkOperationLine)
                .where(col(BulkOperationLine.operation_id) == job.operation_id, col(BulkOperationLine.result).is_(None))
                .order_by(col(BulkOperationLine.position))
            )
        ).all()
        listing_ids = list({line.listing_id for line in lines if line.listing_id})
        listings = {row.id: row for row in await _rows(session, Listing, listing_ids)}
        accounts = {
            row.id: row for row in await _rows(session, MeliAccount, [x.meli_account_id for x in listings.values()])
        }
        variations = (await session.exec(select(Variation).where(col(Variation.item_id).in_(listing_ids)))).all()
    ml_ids = {variation.id: variation.ml_id for variation in variations}
    works: dict[uuid.UUID, Work] = {}
    gone: list[BulkOperationLine] = []
    for line in lines:
        listing = listings.get(line.listing_id) if line.listing_id else None
        if listing is None:
            gone.append(line)
            continue
        work = works.setdefault(listing.id, Work(listing, accounts[listing.meli_account_id], [], ml_ids))
        work.lines.append(line)
    if gone:
        await _store_outcomes(
            job, {line.id: (LineResult.NOT_FOUND, "melihub no longer holds this listing") for line in gone}, {}
        )
    return list(works.values())


async def _rows(session: AsyncSession, model: type[Any], ids: Sequence[uuid.UUID]) -> list[Any]:
    if not ids:
        return []
    return list((await session.exec(select(model).where(col(model.id).in_(list(ids))))).all())


def _batches(works: list[Work]) -> list[list[Work]]:
    """Up to 20 listings of one account per batch: one multiget reads them."""
    by_account: dict[uuid.UUID, list[Work]] = {}
    for work in works:
        by_account.setdefault(work.account.id, []).append(work)
    return [group[i : i + MULTIGET_MAX] for group in by_account.values() for i in range(0, len(group), MULTIGET_MAX)]


# ---- reading a batch ----------------------------------------------------------------------------


@dataclass
class Fetched:
    works: list[Work]
    items: dict[str, dict[str, Any]]  # ML id → the item as read now


async def _fetch(job: Job, works: list[Work]) -> Fetched:
    """Read the batch's items from Mercado Livre and apply them like any payload of them."""
    account = works[0].account
    if account.status != AccountStatus.ACTIVE.value:
        _fail_all(works, "the listing's Mercado Livre account is not connected (link it again)")
        return Fetched(works, {})
    try:
        results = await meli_client(job.services).get_items(account_ref(account), [w.listing.ml_id for w in works])
    except meli_errors.MeliError as exc:
        _fail_all(works, str(refusals.write_errors(exc)[0]))
        return Fetched(works, {})
    items: dict[str, dict[str, Any]] = {}
    for result in results:
        if result.item is not None:
            items[result.id] = result.item.raw
    for work in works:
        if work.listing.ml_id not in items:
            _set_all(work, (LineResult.NOT_FOUND, "Mercado Livre no longer has this listing"))
    await _apply_read(job, account, list(items.values()))
    return Fetched(works, items)


async def _apply_read(job: Job, account: MeliAccount, raws: list[dict[str, Any]]) -> None:
    async with unit_of_work(job.services.db, job.tenant_id) as work:
        for raw in raws:
            result = await apply_item(work.session, account, raw)
            if result.changed and result.entity_id is not None:
                change = Change(str(job.tenant_id), ENTITY, str(result.entity_id), result.version, str(account.id))
                work.after_commit(lambda change=change: publish(job.services.redis, change))  # type: ignore[misc]


def _fail_all(works: list[Work], message: str) -> None:
    for work in works:
        _set_all(work, (LineResult.FAILED, message))


def _set_all(work: Work, outcome: Outcome) -> None:
    for line in work.lines:
        work.outcomes.setdefault(line.id, outcome)


# ---- writing a batch ----------------------------------------------------------------------------


async def _write_batch(job: Job, fetched: Fetched) -> None:
    turns = asyncio.Semaphore(WRITES_IN_FLIGHT)

    async def one(work: Work) -> None:
        raw = fetched.items.get(work.listing.ml_id)
        if raw is not None and len(work.outcomes) < len(work.lines):
            async with turns:
                await _write_listing(job, work, raw)
        await _store_outcomes(job, work.outcomes, work.previous)

    await asyncio.gather(*(one(work) for work in fetched.works))


async def _write_listing(job: Job, work: Work, raw: dict[str, Any]) -> None:
    client, ref = meli_client(job.services), account_ref(work.account)
    for attempt in range(CONFLICT_RETRIES + 1):
        state = changes.state_of_raw(raw)
        wanted = _wanted(work, state)
        body = editing.stock_body(wanted, state) if wanted else {}
        if not body:
            _settle(work, state, updated=False)
            return
        try:
            answer = await client.update_item(ref, work.listing.ml_id, body)
        except meli_errors.Conflict:
            if attempt == CONFLICT_RETRIES:
                break
            await asyncio.sleep(CONFLICT_BACKOFF_S * 2**attempt)
            try:
                raw = (await client.get_item(ref, work.listing.ml_id)).raw
            except meli_errors.MeliError as exc:
                _set_all(work, (LineResult.FAILED, str(refusals.write_errors(exc)[0])))
                return
            continue
        except meli_errors.MeliError as exc:
            _set_all(work, (LineResult.FAILED, "; ".join(str(e) for e in refusals.write_errors(exc))))
            return
        _settle(work, state, updated=True)
        await _store_answer(job, work, answer.raw)
        return
    _set_all(work, (LineResult.CONFLICT, "Mercado Livre kept answering that another write to the item is in progress"))


def _wanted(work: Work, state: EditableState) -> dict[int | None, int]:
    """The stock each still pending line asks for, by variation ML id (None: the listing's own)."""
    problem = editing.editable_error(state, "listingId")
    wanted: dict[int | None, int] = {}
    for line in work.lines:
        if line.id in work.outcomes:
            continue
        ml_id = work.variation_ml_ids.get(line.variation_id) if line.variation_id else None
        if problem is not None:
            work.outcomes[line.id] = (LineResult.FAILED, str(problem))
        elif line.variation_id is not None and (ml_id is None or ml_id not in state.variations):
            work.outcomes[line.id] = (LineResult.NOT_FOUND, "Mercado Livre no longer has this variation")
        elif line.variation_id is None and state.variations:
            message = "the listing has variations now: its stock is theirs"
            work.outcomes[line.id] = (LineResult.FAILED, message)
        else:
            wanted[ml_id] = line.available_quantity
    return wanted


def _settle(work: Work, state: EditableState, *, updated: bool) -> None:
    """Each pending line's result: its stock was already what it asked (UNCHANGED) or was just set."""
    for line in work.lines:
        if line.id in work.outcomes:
            continue
        ml_id = work.variation_ml_ids.get(line.variation_id) if line.variation_id else None
        current = state.variations[ml_id].available_quantity if ml_id is not None else state.available_quantity
        work.previous[line.id] = current
        same = current == line.available_quantity
        work.outcomes[line.id] = (LineResult.UNCHANGED if same or not updated else LineResult.UPDATED, None)


async def _store_answer(job: Job, work: Work, raw: dict[str, Any]) -> None:
    """Mercado Livre's answer, applied at once as the operation's author's change, with the lines' results."""
    async with unit_of_work(job.services.db, job.tenant_id) as unit:
        result = await apply_item(unit.session, work.account, raw, made_by=job.author)
        await _write_outcomes(unit.session, work.outcomes, work.previous)
        change = listing_change(work.listing, result.version)
        unit.after_commit(lambda: publish(job.services.redis, change))
    work.outcomes.clear()  # stored


async def _store_outcomes(job: Job, outcomes: dict[uuid.UUID, Outcome], previous: dict[uuid.UUID, int]) -> None:
    if not outcomes:
        return
    async with job.services.db.tenant(job.tenant_id) as session:
        await _write_outcomes(session, outcomes, previous)


async def _write_outcomes(
    session: AsyncSession, outcomes: dict[uuid.UUID, Outcome], previous: dict[uuid.UUID, int]
) -> None:
    now = utcnow()
    for line_id, (result, message) in outcomes.items():
        await session.exec(
            update(BulkOperationLine)
            .where(col(BulkOperationLine.id) == line_id, col(BulkOperationLine.result).is_(None))
            .values(result=result.value, message=message, previous_quantity=previous.get(line_id), done_at=now)
        )


async def _progress(job: Job, *, finished: bool = False) -> None:
    """Write how many lines have their result (and, at the end, that all have), and publish it."""
    async with job.services.db.tenant(job.tenant_id) as session:
        done = (
            await session.exec(
                select(func.count())
                .select_from(BulkOperationLine)
                .where(
                    col(BulkOperationLine.operation_id) == job.operation_id, col(BulkOperationLine.result).is_not(None)
                )
            )
        ).one()
        operation = await session.get(BulkOperation, job.operation_id)
        if operation is None:
            return
        operation.done, operation.updated_at = int(done), utcnow()
        if finished or operation.done >= operation.total:
            operation.status, operation.finished_at = BulkStatus.DONE.value, operation.updated_at
    await bulk.announce(job.services, operation)
