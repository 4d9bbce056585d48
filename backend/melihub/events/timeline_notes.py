"""Things that happen to an account (linked, token refused, connection tested) on the timeline.

:func:`record` is the ``connections.notes.AccountNotes`` each process hands to ``install_meli``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.events.models import EventStatus, IntegrationEvent

ACCOUNT_TOPIC = "account"


async def record(
    session: AsyncSession,
    account: MeliAccount,
    kind: str,
    message: str,
    *,
    failed: bool = False,
    details: dict[str, Any] | None = None,
) -> IntegrationEvent:
    now = utcnow()
    event = IntegrationEvent(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        source="melihub",
        notification_id=f"{kind}:{uuid.uuid4()}",
        topic=ACCOUNT_TOPIC,
        resource=f"/accounts/{account.id}",
        ml_user_id=account.ml_user_id,
        payload={"kind": kind, "message": message, **(details or {})},
        status=(EventStatus.FAILED if failed else EventStatus.PROCESSED).value,
        last_error=message[:1000] if failed else None,
        processed_at=now,
        received_at=now,
        updated_at=now,
    )
    session.add(event)
    await session.flush()
    return event
