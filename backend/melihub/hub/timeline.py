"""The hub's steps on the integration timeline: received, processed, reprocessed, error, duplicate.

Written with SQL into ``integration_events`` (source ``hub``, topic ``hub``), as ``events.timeline_notes``
writes account notes: the events package sits above the domains (it applies their resources), so a
domain appends to its table without importing it.
"""

from __future__ import annotations

import json
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

HUB_TOPIC = "hub"
HUB_SOURCE = "hub"
INSERT = """
INSERT INTO integration_events (id, tenant_id, meli_account_id, source, notification_id, topic, resource, payload,
                                status, attempts, deliveries, last_error, received_at, processed_at, updated_at)
VALUES (:id, :tenant, :account, :source, :notification, :topic, :resource, CAST(:payload AS jsonb),
        :status, 0, 1, :error, now(), now(), now())
"""


class Step(StrEnum):
    RECEIVED = "received"
    PROCESSED = "processed"
    REPROCESSED = "reprocessed"
    ERROR = "error"
    DUPLICATE = "duplicate"


async def record(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    hub_order_id: uuid.UUID,
    step: Step,
    message: str,
    *,
    account_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> uuid.UUID:
    """One step of a hub order (no personal data in ``message`` or ``details``); the event's id."""
    event_id = uuid.uuid4()
    failed = step is Step.ERROR
    params = {
        "id": event_id,
        "tenant": tenant_id,
        "account": account_id,
        "source": HUB_SOURCE,
        "notification": f"{step.value}:{event_id}",
        "topic": HUB_TOPIC,
        "resource": f"/hub/orders/{hub_order_id}",
        "payload": json.dumps({"kind": step.value, "message": message, **(details or {})}),
        "status": "failed" if failed else "processed",
        "error": message[:1000] if failed else None,
    }
    await session.exec(text(INSERT), params=params)  # type: ignore[call-overload]
    return event_id
