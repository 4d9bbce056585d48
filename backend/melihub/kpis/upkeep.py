"""The one hook that keeps the KPI rollups current: ``after_apply``, in the applier's transaction.

``melihub.resources.registry`` calls it after every applied bundle (a notification) and every sync page,
and melihub's own writes that change counted rows call it too (an answer sent: ``questions.answers``; a
message sent: ``messages.sending``). For each changed row it finds the buckets the row counts in now, and
counted in before (``kpi_counted_hours``, ``kpi_first_replies``), locks them in sorted order and
recomputes each from the raw rows (docs/kpis.md): a replay or an older version changes nothing, and the
rollup commits with the row, so a reader told of the change (``orderChanged``) already sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.buyers import service as buyers
from melihub.db.idempotent import ApplyResult, SellerAccount
from melihub.kpis import (
    account_days,
    counted_hours,
    day_rollups,
    listing_days,
    logistics_rollup,
    sales_rollup,
    service_rollup,
)
from melihub.kpis.sql import lock, run

ORDER, SHIPMENT, QUESTION, MESSAGE, LISTING = "order", "shipment", "question", "message", "listing"
TIME_ZONE = "SELECT time_zone FROM tenants WHERE id = CAST(:tenant AS uuid)"


@dataclass
class Touched:
    """The ids of the changed rows, by entity type."""

    ids: dict[str, list[uuid.UUID]] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Sequence[ApplyResult]) -> Touched:
        touched = cls()
        for result in results:
            if result.changed and result.entity_id is not None:
                touched.ids.setdefault(result.entity_type, []).append(result.entity_id)
        return touched

    def __getitem__(self, entity_type: str) -> list[uuid.UUID]:
        return self.ids.get(entity_type, [])


async def after_apply(session: AsyncSession, account: SellerAccount, results: Sequence[ApplyResult]) -> None:
    """Bring every rollup the changed rows of ``results`` count in up to date (same transaction)."""
    touched = Touched.of(results)
    if not touched.ids:
        return
    await refresh(session, account.tenant_id, touched)
    # Stock periods are recorded by catalog.apply_item itself (melihub's own listing writes do not pass here).
    if touched[ORDER]:
        await buyers.record_orders(session, touched[ORDER])


async def refresh(session: AsyncSession, tenant_id: uuid.UUID, touched: Touched) -> None:
    """Recompute the buckets of the touched rows: threads locked first, then every bucket in one sorted set."""
    threads = await service_rollup.threads_of_messages(session, touched[MESSAGE]) if touched[MESSAGE] else []
    await lock(session, tenant_id, service_rollup.thread_lock_keys(threads))
    zone = await _time_zone(session, tenant_id)
    orders, questions = touched[ORDER], touched[QUESTION]
    sales = await sales_rollup.keys_of_orders(session, orders) if orders else []
    listing_sales = await listing_days.keys_of_orders(session, orders, zone) if orders else []
    listing_questions = await listing_days.keys_of_questions(session, questions, zone) if questions else []
    days_of_accounts = account_days.keys_of(listing_sales, listing_questions)
    logistics = await logistics_rollup.keys_of_shipments(session, touched[SHIPMENT]) if touched[SHIPMENT] else []
    answered = await _hours(session, service_rollup.ENTITY, questions, service_rollup.current_hours)
    replies = await service_rollup.reply_hours(session, tenant_id, threads)
    service_keys = sorted(counted_hours.buckets(*answered) | replies)
    days = {
        day_rollups.SALES: day_rollups.day_keys(sales, zone),
        day_rollups.LOGISTICS: day_rollups.day_keys(logistics, zone),
        day_rollups.SERVICE: day_rollups.day_keys(service_keys, zone),
    }
    await lock(
        session,
        tenant_id,
        [
            *sales_rollup.lock_keys(sales),
            *listing_days.lock_keys(listing_sales, listing_questions),
            *account_days.lock_keys(days_of_accounts),
            *logistics_rollup.lock_keys(logistics),
            *service_rollup.lock_keys(service_keys),
            *(key for rollup, keys in days.items() for key in day_rollups.lock_keys(rollup, keys)),
        ],
    )
    await sales_rollup.recompute(session, tenant_id, sales)
    await listing_days.recompute(session, tenant_id, zone, listing_sales, listing_questions)
    await account_days.recompute(session, tenant_id, days_of_accounts)
    await logistics_rollup.recompute(session, tenant_id, logistics)
    await service_rollup.store_replies(session, tenant_id, threads)
    await service_rollup.recompute(session, tenant_id, service_keys)
    for rollup, keys in days.items():  # after their hours: a day is the sum of its recomputed hours
        await day_rollups.recompute(session, rollup, tenant_id, zone, keys)
    await counted_hours.remember(session, tenant_id, service_rollup.ENTITY, answered[1])


async def _hours(
    session: AsyncSession, entity_type: str, ids: list[uuid.UUID], current: counted_hours.CurrentHours
) -> tuple[counted_hours.EntityHours, counted_hours.EntityHours]:
    if not ids:
        return {}, {}
    return await counted_hours.previous(session, entity_type, ids), await current(session, ids)


async def _time_zone(session: AsyncSession, tenant_id: uuid.UUID) -> str:
    rows = await run(session, TIME_ZONE, tenant=tenant_id)
    return str(rows[0][0]) if rows and rows[0][0] else "America/Sao_Paulo"
