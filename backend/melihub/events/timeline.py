"""The integration timeline: received → processing → processed | retrying | failed | ignored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.events.models import EventStatus

CLAIM_SQL = text("""
UPDATE integration_events SET status = 'processing', attempts = attempts + 1, updated_at = now()
WHERE id IN (
    SELECT id FROM integration_events
    WHERE tenant_id = :tenant AND topic = :topic AND resource = :resource
      AND (status = 'received'
           OR (status = 'retrying' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
           OR (status = 'processing' AND updated_at < now() - make_interval(secs => :stale)))
    ORDER BY received_at
    FOR UPDATE SKIP LOCKED
)
RETURNING id, meli_account_id, attempts, trace_id
""")


@dataclass(frozen=True)
class ClaimedEvent:
    id: uuid.UUID
    meli_account_id: uuid.UUID | None
    attempts: int
    trace_id: str | None = None


async def claim(
    session: AsyncSession, tenant_id: uuid.UUID, topic: str, resource: str, *, stale_after_s: int
) -> list[ClaimedEvent]:
    """Take every pending event of one resource (coalescing); events another worker holds are skipped."""
    result = await session.exec(  # type: ignore[call-overload]
        CLAIM_SQL, params={"tenant": tenant_id, "topic": topic, "resource": resource, "stale": stale_after_s}
    )
    return [ClaimedEvent(id=row[0], meli_account_id=row[1], attempts=row[2], trace_id=row[3]) for row in result.all()]


async def _set(session: AsyncSession, ids: list[uuid.UUID], **values: object) -> None:
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    await session.exec(  # type: ignore[call-overload]
        text(f"UPDATE integration_events SET {assignments}, updated_at = now() WHERE id = ANY(:ids)"),
        params={**values, "ids": ids},
    )


async def mark_processed(session: AsyncSession, ids: list[uuid.UUID], version: str | None) -> None:
    await _set(
        session,
        ids,
        status=EventStatus.PROCESSED.value,
        processed_at=utcnow(),
        last_error=None,
        next_attempt_at=None,
        resource_version=version,
    )


async def mark_ignored(session: AsyncSession, ids: list[uuid.UUID], reason: str) -> None:
    await _set(session, ids, status=EventStatus.IGNORED.value, last_error=reason, next_attempt_at=None)


async def mark_failed(session: AsyncSession, ids: list[uuid.UUID], error: str) -> None:
    await _set(session, ids, status=EventStatus.FAILED.value, last_error=error[:1000], next_attempt_at=None)


def next_attempt(attempts: int, delays_s: list[float], now: datetime | None = None) -> datetime | None:
    """When to try again after the ``attempts``-th failure; None when retries are used up."""
    if attempts > len(delays_s):
        return None
    return (now or utcnow()) + timedelta(seconds=delays_s[attempts - 1])


async def mark_retrying(session: AsyncSession, ids: list[uuid.UUID], error: str, when: datetime) -> None:
    await _set(session, ids, status=EventStatus.RETRYING.value, last_error=error[:1000], next_attempt_at=when)
