"""How long raw notification payloads are kept, and the purge the worker's cron runs.

A notification's payload is Mercado Livre's message as received; once it has been processed it is only
evidence. The purge keeps every event row (the timeline, its outcomes, attempts and times) and replaces the
payload of events received more than the tenant's retention ago with ``{"purged_at": …}``. Events still
pending keep theirs (the pipeline may need them), and so do melihub's own timeline notes (``source`` melihub).
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.idempotent import table_of
from melihub.errors import DomainError
from melihub.events.models import EventStatus
from melihub.privacy.models import DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, PrivacySettings
from melihub.runtime import Services

BATCH = 2000
DONE = (EventStatus.PROCESSED.value, EventStatus.IGNORED.value, EventStatus.FAILED.value)
_TENANTS = text("SELECT tenant_id, days FROM melihub_payload_retention_tenants() WHERE days > 0")
_PURGE = text(
    """
    UPDATE integration_events SET payload = jsonb_build_object('purged_at', CAST(:now AS timestamptz))
    WHERE id IN (
        SELECT id FROM integration_events
        WHERE received_at < :before AND source <> 'melihub' AND status = ANY(:done) AND NOT payload ? 'purged_at'
        LIMIT :batch
    )
    """
)


async def retention_days(session: AsyncSession) -> int:
    """The session's tenant's retention in days (0: kept)."""
    found = (await session.exec(select(PrivacySettings.raw_payload_retention_days))).first()
    return DEFAULT_RETENTION_DAYS if found is None else int(found)


async def set_retention_days(session: AsyncSession, principal: Principal, days: int) -> int:
    principal.require(Permission.MANAGE_PERSONAL_DATA)
    if not 0 <= days <= MAX_RETENTION_DAYS:
        message = f"days must be 0 (keep) to {MAX_RETENTION_DAYS}"
        raise DomainError(message, field="days", code="INVALID_RETENTION")
    table = table_of(PrivacySettings)
    now = utcnow()
    statement = insert(table).values(
        id=uuid.uuid4(), tenant_id=principal.tenant_id, raw_payload_retention_days=days, updated_at=now
    )
    upsert = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id], set_={"raw_payload_retention_days": days, "updated_at": now}
    )
    await session.exec(upsert)
    return days


async def purge_tenant(session: AsyncSession, *, days: int, now: datetime, deadline: float) -> int:
    """Purge the session's tenant's payloads older than ``days``, in batches until done or past ``deadline``."""
    before = now - timedelta(days=days)
    purged = 0
    while True:
        params = {"now": now, "before": before, "done": list(DONE), "batch": BATCH}
        result = await session.exec(_PURGE, params=params)  # type: ignore[call-overload]
        purged += int(result.rowcount or 0)
        if (result.rowcount or 0) < BATCH or time.monotonic() > deadline:
            return purged


async def purge_payloads(services: Services, *, now: datetime | None = None, budget_s: float = 60.0) -> dict[str, int]:
    """Every tenant's old payloads (the cron's run): tenant id → payloads purged, for tenants with some.

    A run stops taking new batches after ``budget_s``; what is left goes at the next run.
    """
    at = now or utcnow()
    deadline = time.monotonic() + budget_s
    async with services.db.global_session() as session:
        tenants = (await session.exec(_TENANTS)).all()  # type: ignore[call-overload]
    purged: dict[str, int] = {}
    for tenant_id, days in tenants:
        if time.monotonic() > deadline:
            break
        async with services.db.tenant(tenant_id) as session:
            count = await purge_tenant(session, days=int(days), now=at, deadline=deadline)
        if count:
            purged[str(tenant_id)] = count
    return purged
