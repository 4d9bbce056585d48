"""Reads of the sync domain: runs, cursors, and what melihub already holds (so a run does not refetch it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing
from melihub.db.paging import Ordering, Page, PageRequest, account_condition, fetch_page
from melihub.orders.models import Order
from melihub.shipments.models import Shipment
from melihub.sync.models import OPEN_STATUSES, RunStatus, SyncCursor, SyncRun


async def run_by_id(session: AsyncSession, run_id: uuid.UUID) -> SyncRun | None:
    return await session.get(SyncRun, run_id)


async def open_run_of(session: AsyncSession, account_id: uuid.UUID) -> SyncRun | None:
    rows = await session.exec(
        select(SyncRun).where(SyncRun.meli_account_id == account_id, col(SyncRun.status).in_(OPEN_STATUSES))
    )
    return rows.first()


async def paused_run_of(session: AsyncSession, account_id: uuid.UUID) -> SyncRun | None:
    """The newest run that stopped for re-authorisation (relinking resumes it)."""
    rows = await session.exec(
        select(SyncRun)
        .where(SyncRun.meli_account_id == account_id, SyncRun.status == RunStatus.REAUTH_REQUIRED.value)
        .order_by(col(SyncRun.created_at).desc())
    )
    return rows.first()


async def open_runs(session: AsyncSession) -> list[SyncRun]:
    return list((await session.exec(select(SyncRun).where(col(SyncRun.status).in_(OPEN_STATUSES)))).all())


async def cursor_of(session: AsyncSession, account_id: uuid.UUID) -> SyncCursor | None:
    return (await session.exec(select(SyncCursor).where(SyncCursor.meli_account_id == account_id))).first()


async def cursors(session: AsyncSession, account_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, SyncCursor]:
    ids = list(account_ids)
    if not ids:
        return {}
    rows = await session.exec(select(SyncCursor).where(col(SyncCursor.meli_account_id).in_(ids)))
    return {row.meli_account_id: row for row in rows.all()}


async def held_orders(session: AsyncSession, ml_ids: Iterable[int]) -> dict[int, tuple[int | None, datetime | None]]:
    """``ml_id → (shipment ml id, ML last-updated)`` of the orders already stored."""
    ids = list(set(ml_ids))
    if not ids:
        return {}
    rows = await session.exec(
        select(Order.ml_id, Order.shipment_ml_id, Order.ml_last_updated).where(col(Order.ml_id).in_(ids))
    )
    return {ml_id: (shipment, updated) for ml_id, shipment, updated in rows.all()}


async def held_shipments(session: AsyncSession, ml_ids: Iterable[int]) -> set[int]:
    ids = list(set(ml_ids))
    if not ids:
        return set()
    return set((await session.exec(select(Shipment.ml_id).where(col(Shipment.ml_id).in_(ids)))).all())


async def held_listings(session: AsyncSession, ml_ids: Iterable[str]) -> dict[str, datetime | None]:
    ids = list(set(ml_ids))
    if not ids:
        return {}
    rows = await session.exec(select(Listing.ml_id, Listing.ml_last_updated).where(col(Listing.ml_id).in_(ids)))
    return dict(rows.all())


async def active_threads(session: AsyncSession, account_id: uuid.UUID, since: datetime) -> list[int]:
    """Message threads of sales with activity since ``since``: the pack, or the order when it has none."""
    rows = await session.exec(
        select(Order.pack_id, Order.ml_id).where(
            Order.meli_account_id == account_id, col(Order.ml_last_updated) >= since
        )
    )
    return sorted({pack or order for pack, order in rows.all()})


async def latest_run_of(session: AsyncSession, account_id: uuid.UUID) -> SyncRun | None:
    rows = await session.exec(
        select(SyncRun).where(SyncRun.meli_account_id == account_id).order_by(col(SyncRun.created_at).desc())
    )
    return rows.first()


# ---- what the API reads: the caller's tenant, and only the accounts the caller may see ------------


@dataclass(frozen=True)
class RunFilter:
    meli_account_ids: list[uuid.UUID] | None = None  # None: every account the caller sees
    status: str | None = None


def newest_runs_first() -> Ordering:
    return Ordering(col(SyncRun.created_at), col(SyncRun.id), True, "CREATED_AT")


def _visible_runs(principal: Principal, requested: Sequence[uuid.UUID] | None = None) -> SelectOfScalar[SyncRun]:
    principal.require(Permission.READ)
    return select(SyncRun).where(
        SyncRun.tenant_id == principal.tenant_id,
        account_condition(col(SyncRun.meli_account_id), principal, requested),
    )


async def list_runs(
    session: AsyncSession, principal: Principal, filters: RunFilter, request: PageRequest
) -> Page[SyncRun]:
    """Newest first, keyset-paged on (created_at, id)."""
    query = _visible_runs(principal, filters.meli_account_ids)
    if filters.status is not None:
        query = query.where(SyncRun.status == filters.status)
    return await fetch_page(session, query, request.ordering or newest_runs_first(), request)


async def visible_run(session: AsyncSession, principal: Principal, run_id: uuid.UUID) -> SyncRun | None:
    """The run, when it is of an account the caller may see."""
    return (await session.exec(_visible_runs(principal).where(SyncRun.id == run_id))).first()


async def runs_by_ids(session: AsyncSession, principal: Principal, run_ids: Sequence[uuid.UUID]) -> list[SyncRun]:
    """For ``node``/``nodes``: the runs with these ids the caller may see."""
    return list((await session.exec(_visible_runs(principal).where(col(SyncRun.id).in_(list(run_ids))))).all())


async def latest_run_statuses(session: AsyncSession, account_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each account's newest run's status (accounts without runs are absent): one statement."""
    ids = list(set(account_ids))
    if not ids:
        return {}
    rows = await session.exec(
        select(SyncRun.meli_account_id, SyncRun.status)
        .where(col(SyncRun.meli_account_id).in_(ids))
        .ext(distinct_on(col(SyncRun.meli_account_id)))
        .order_by(col(SyncRun.meli_account_id), col(SyncRun.created_at).desc(), col(SyncRun.id).desc())
    )
    return dict(rows.all())


async def accounts_with_open_runs(session: AsyncSession, account_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    ids = list(set(account_ids))
    if not ids:
        return set()
    rows = await session.exec(
        select(SyncRun.meli_account_id).where(
            col(SyncRun.meli_account_id).in_(ids), col(SyncRun.status).in_(OPEN_STATUSES)
        )
    )
    return set(rows.all())
