"""Bulk stock updates: up to 500 lines (a SKU, a listing or a variation, and its stock), run as a job.

:func:`start_bulk_stock` checks the lines, resolves each to a listing (and variation) the caller may
see, stores the operation with a row per line, and queues the job (``bulk_run``) once it committed. A
line whose SKU matches nothing the caller sees is ``NOT_FOUND``, one matching several stocks
``AMBIGUOUS_SKU``; those results are known at once. SKUs are looked up on the variations' ``SELLER_SKU``
and, for listings without variations, the listing's own; closed listings (which cannot be edited) are
left out of the lookup. Ids of listings or variations the caller may not see refuse the whole call
(``NOT_FOUND`` on that line), like every id argument of the API.

A member limited to some accounts reads an operation they started, or one whose lines touch only
their accounts.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog import queries
from melihub.catalog.changes import ChangeAuthor
from melihub.catalog.models import BulkOperation, BulkOperationLine, BulkStatus, LineResult, Listing, Variation
from melihub.db.base import utcnow
from melihub.db.idempotent import table_of
from melihub.db.paging import visible
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.observability import get_logger
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services

MAX_LINES = 500
BULK_JOB = "run_bulk_operation"
BULK_CHANGE = "bulk_operation"
log = get_logger("melihub.catalog.bulk")
OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]


@dataclass(frozen=True)
class StockLine:
    """One line as given: exactly one of ``sku``, ``listing_id``, ``variation_id``."""

    available_quantity: int
    sku: str | None = None
    listing_id: uuid.UUID | None = None
    variation_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Target:
    listing_id: uuid.UUID
    variation_id: uuid.UUID | None  # None: the listing's own stock (it has no variations)
    meli_account_id: uuid.UUID


Resolution = Target | tuple[LineResult, str]  # a target, or the line's result already


def line_errors(lines: Sequence[StockLine]) -> list[DomainError]:
    """What makes the call itself wrong: no lines, too many, a line naming no or several targets, bad stock."""
    if not lines:
        return [DomainError("give at least one line", field="lines", code="NO_LINES")]
    if len(lines) > MAX_LINES:
        return [DomainError(f"at most {MAX_LINES} lines per call", field="lines", code="TOO_MANY_LINES")]
    errors = []
    for index, line in enumerate(lines):
        named = sum(value is not None for value in (line.listing_id, line.variation_id)) + bool(line.sku)
        if named != 1:
            message = "each line names exactly one of sku, listingId or variationId"
            errors.append(DomainError(message, field=f"lines[{index}]", code="INVALID_LINE"))
        if line.available_quantity < 0:
            message = "stock cannot be negative"
            errors.append(DomainError(message, field=f"lines[{index}].availableQuantity", code="INVALID_QUANTITY"))
    return errors


async def start_bulk_stock(
    services: Services,
    principal: Principal,
    lines: Sequence[StockLine],
    *,
    store_in: OpenUnit | None = None,
    note: Callable[[BulkOperation], None] | None = None,
) -> BulkOperation:
    """Store the operation and its lines (results known at once included) and queue its job after the
    commit; ``store_in`` opens the transaction (a mutation's, so its audit row commits with it)."""
    principal.require(Permission.OPERATE)
    errors = line_errors(lines)
    if errors:
        raise errors[0]
    author = ChangeAuthor.of(principal)
    opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
    async with opener() as work:
        session = work.session
        resolved = await resolve(session, principal, lines)
        operation = BulkOperation(
            tenant_id=principal.tenant_id,
            total=len(lines),
            created_by_user_id=author.user_id,
            created_by_token_id=author.token_id,
            meli_account_ids=sorted({r.meli_account_id for r in resolved if isinstance(r, Target)}),
        )
        session.add(operation)
        await session.flush()
        now = utcnow()
        for position, (line, resolution) in enumerate(zip(lines, resolved, strict=True)):
            session.add(_line_row(operation, position, line, resolution, now))
        operation.done = sum(not isinstance(r, Target) for r in resolved)
        if operation.done == operation.total:
            operation.status, operation.finished_at = BulkStatus.DONE.value, now
        else:
            work.after_commit(lambda: enqueue(services, operation))
        work.after_commit(lambda: announce(services, operation))
        if note is not None:
            note(operation)
    return operation


def _line_row(
    operation: BulkOperation, position: int, line: StockLine, resolution: Resolution, now: datetime
) -> BulkOperationLine:
    row = BulkOperationLine(
        tenant_id=operation.tenant_id,
        operation_id=operation.id,
        position=position,
        sku=line.sku,
        listing_id=line.listing_id,
        variation_id=line.variation_id,
        available_quantity=line.available_quantity,
    )
    if isinstance(resolution, Target):
        row.listing_id, row.variation_id = resolution.listing_id, resolution.variation_id
    else:
        row.result, row.message = resolution[0].value, resolution[1]
        row.done_at = now
    return row


# ---- resolving lines ----------------------------------------------------------------------------


async def resolve(session: AsyncSession, principal: Principal, lines: Sequence[StockLine]) -> list[Resolution]:
    """Each line's target or its result; NOT_FOUND (raised) for an id the caller may not see."""
    listings = await _listings(session, principal, [ln.listing_id for ln in lines if ln.listing_id])
    with_variations = await _with_variations(session, list(listings))
    variations = await _variations(session, principal, [ln.variation_id for ln in lines if ln.variation_id])
    by_sku = await _sku_targets(session, principal, {ln.sku for ln in lines if ln.sku})
    resolved: list[Resolution] = []
    for index, line in enumerate(lines):
        if line.listing_id is not None:
            account = listings.get(line.listing_id)
            if account is None:
                raise _unseen(index, "listingId")
            if line.listing_id in with_variations:
                message = "the listing's stock is the sum of its variations': give a variation or its SKU"
                resolved.append((LineResult.FAILED, message))
            else:
                resolved.append(Target(line.listing_id, None, account))
        elif line.variation_id is not None:
            found = variations.get(line.variation_id)
            if found is None:
                raise _unseen(index, "variationId")
            resolved.append(found)
        else:
            resolved.append(_by_sku(by_sku.get(line.sku or "", [])))
    return _without_contradictions(lines, resolved)


def _unseen(index: int, name: str) -> DomainError:
    return DomainError("no object with this id is visible to you", field=f"lines[{index}].{name}", code="NOT_FOUND")


def _by_sku(targets: list[Target]) -> Resolution:
    if not targets:
        return (LineResult.NOT_FOUND, "no listing or variation you can edit has this SKU")
    if len(targets) > 1:
        return (LineResult.AMBIGUOUS_SKU, f"{len(targets)} listings or variations have this SKU")
    return targets[0]


def _without_contradictions(lines: Sequence[StockLine], resolved: list[Resolution]) -> list[Resolution]:
    """Two lines for the same stock with different quantities: neither is applied."""
    wanted: dict[Target, set[int]] = defaultdict(set)
    for line, resolution in zip(lines, resolved, strict=True):
        if isinstance(resolution, Target):
            wanted[resolution].add(line.available_quantity)
    message = "another line sets a different stock for the same listing or variation"
    return [(LineResult.FAILED, message) if isinstance(r, Target) and len(wanted[r]) > 1 else r for r in resolved]


async def _listings(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Listing id → its account, for the ids the caller sees."""
    if not ids:
        return {}
    query = visible(Listing, principal).where(col(Listing.id).in_(ids))
    return {listing.id: listing.meli_account_id for listing in (await session.exec(query)).all()}


async def _with_variations(session: AsyncSession, listing_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not listing_ids:
        return set()
    query = select(Variation.item_id).where(col(Variation.item_id).in_(listing_ids)).distinct()
    return set((await session.exec(query)).all())


async def _variations(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> dict[uuid.UUID, Target]:
    if not ids:
        return {}
    found = await queries.variations_by_ids(session, principal, ids)
    accounts = await _listings(session, principal, list({p.variation.item_id for p in found}))
    return {
        p.variation.id: Target(p.variation.item_id, p.variation.id, accounts[p.variation.item_id])
        for p in found
        if p.variation.item_id in accounts
    }


async def _sku_targets(session: AsyncSession, principal: Principal, skus: set[str]) -> dict[str, list[Target]]:
    """Every stock each SKU names: variations by their SKU, listings without variations by theirs."""
    if not skus:
        return {}
    listings = visible(Listing, principal).where(col(Listing.status) != "closed").subquery()
    targets: dict[str, list[Target]] = defaultdict(list)
    by_variation = (
        select(Variation.sku, Variation.item_id, Variation.id, listings.c.meli_account_id)
        .join(listings, listings.c.id == col(Variation.item_id))
        .where(col(Variation.sku).in_(skus))
    )
    for sku, listing_id, variation_id, account in (await session.exec(by_variation)).all():
        targets[str(sku)].append(Target(listing_id, variation_id, account))
    has_variations = select(Variation.id).where(col(Variation.item_id) == listings.c.id).exists()
    by_listing = select(listings.c.sku, listings.c.id, listings.c.meli_account_id).where(
        listings.c.sku.in_(skus), ~has_variations
    )
    for sku, listing_id, account in (await session.exec(by_listing)).all():
        targets[str(sku)].append(Target(listing_id, None, account))
    return targets


# ---- after the commit: the job, and the change published ----------------------------------------


async def enqueue(services: Services, operation: BulkOperation, slice_tag: str = "start") -> bool:
    """Queue (the next slice of) the operation's job; False when Redis is away."""
    try:
        job = await services.redis.enqueue_job(
            BULK_JOB, str(operation.tenant_id), str(operation.id), _job_id=f"bulk:{operation.id}:{slice_tag}"
        )
    except Exception as exc:  # noqa: BLE001 - the operation is stored; a bulkOperation read shows it queued
        log.warning("bulk.enqueue_failed", operation=str(operation.id), error=type(exc).__name__)
        return False
    return job is not None


async def announce(services: Services, operation: BulkOperation) -> None:
    await publish(services.redis, Change(str(operation.tenant_id), BULK_CHANGE, str(operation.id), operation.status))


# ---- reading -------------------------------------------------------------------------------------


def _readable(principal: Principal) -> ColumnElement[bool]:
    """Operations this caller may read (see the module)."""
    allowed = principal.meli_account_ids
    if allowed is None:
        return col(BulkOperation.tenant_id) == principal.tenant_id
    mine = (
        col(BulkOperation.created_by_token_id) == principal.api_token_id
        if principal.api_token_id is not None
        else col(BulkOperation.created_by_user_id) == principal.user_id
    )
    accounts = table_of(BulkOperation).c.meli_account_ids
    within = accounts.contained_by(sorted(allowed))
    touches = func.cardinality(accounts) > 0
    return (col(BulkOperation.tenant_id) == principal.tenant_id) & or_(mine, within & touches)


async def operations_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[BulkOperation]:
    principal.require(Permission.READ)
    query = select(BulkOperation).where(col(BulkOperation.id).in_(list(ids)), _readable(principal))
    return list((await session.exec(query)).all())


async def get_operation(session: AsyncSession, principal: Principal, operation_id: uuid.UUID) -> BulkOperation | None:
    found = await operations_by_ids(session, principal, [operation_id])
    return found[0] if found else None


async def lines_of(
    session: AsyncSession, operation_id: uuid.UUID, results: Sequence[str] | None = None
) -> list[BulkOperationLine]:
    """The operation's lines in the order given (of these results, when asked); the caller checked it may read it."""
    query = select(BulkOperationLine).where(col(BulkOperationLine.operation_id) == operation_id)
    if results:
        query = query.where(col(BulkOperationLine.result).in_(list(results)))
    return list((await session.exec(query.order_by(col(BulkOperationLine.position)))).all())
