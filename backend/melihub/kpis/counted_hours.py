"""The hours a question was counted in last time (``kpi_counted_hours``).

An answer can be removed (or its time corrected): the hour the question left must be recomputed too, and
the row no longer says which it was. (Orders and shipments need none: the times they are bucketed by do
not move once set.)
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.sql import run

EntityHours = dict[uuid.UUID, tuple[uuid.UUID, list[datetime]]]  # entity id → (account, hours)
CurrentHours = Callable[[AsyncSession, Sequence[uuid.UUID]], Awaitable[EntityHours]]

READ = """
SELECT entity_id, meli_account_id, hours FROM kpi_counted_hours
WHERE entity_type = :entity_type AND entity_id = ANY(CAST(:ids AS uuid[]))
"""
WRITE = """
INSERT INTO kpi_counted_hours (id, tenant_id, entity_type, entity_id, meli_account_id, hours)
SELECT gen_random_uuid(), CAST(:tenant AS uuid), :entity_type, e.id, min(e.account_id::text)::uuid,
       array_remove(array_agg(DISTINCT e.hour), NULL)
FROM unnest(CAST(:ids AS uuid[]), CAST(:accounts AS uuid[]), CAST(:hours AS timestamptz[])) AS e(id, account_id, hour)
GROUP BY e.id
ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
    hours = EXCLUDED.hours, meli_account_id = EXCLUDED.meli_account_id
"""


async def previous(session: AsyncSession, entity_type: str, ids: Sequence[uuid.UUID]) -> EntityHours:
    rows = await run(session, READ, entity_type=entity_type, ids=list(ids))
    return {row[0]: (row[1], list(row[2])) for row in rows}


async def remember(session: AsyncSession, tenant_id: uuid.UUID, entity_type: str, current: EntityHours) -> None:
    if not current:
        return
    # One line per (entity, hour), a None hour for an entity counted nowhere: grouped back in SQL.
    lines: list[tuple[uuid.UUID, uuid.UUID, datetime | None]] = []
    for entity, (account, hours) in current.items():
        lines += [(entity, account, hour) for hour in hours] or [(entity, account, None)]
    await run(
        session,
        WRITE,
        tenant=tenant_id,
        entity_type=entity_type,
        ids=[line[0] for line in lines],
        accounts=[line[1] for line in lines],
        hours=[line[2] for line in lines],
    )


def buckets(previous_hours: EntityHours, current: EntityHours) -> set[tuple[uuid.UUID, datetime]]:
    """(account, hour) of every hour an entity was or is counted in."""
    found: set[tuple[uuid.UUID, datetime]] = set()
    for hours in (previous_hours, current):
        for account, moments in hours.values():
            found.update((account, moment) for moment in moments)
    return found
