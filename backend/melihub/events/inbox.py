"""The inbox: notifications made durable on arrival, then moved along the integration timeline."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import asyncpg

from melihub.db.ids import uuid7
from melihub.events.notifications import Notification
from melihub.tracing import current_trace_id

INGEST_SQL = (
    "SELECT event_id, tenant_id, status, inserted FROM melihub_ingest_notification($1, $2, $3, $4, $5, $6, $7, $8)"
)


@dataclass(frozen=True)
class Receipt:
    event_id: uuid.UUID
    tenant_id: uuid.UUID | None
    status: str  # received | ignored | unrouted (or the current status of a duplicate)
    inserted: bool  # False: a redelivery of a notification we already hold

    @property
    def needs_processing(self) -> bool:
        return self.tenant_id is not None and self.inserted and self.status == "received"


async def ingest(pool: asyncpg.Pool, notification: Notification) -> Receipt:
    """Commit the notification (routed to its tenant, or as unrouted) in one round trip."""
    row = await pool.fetchrow(
        INGEST_SQL,
        uuid7(),
        notification.notification_id,
        notification.topic,
        notification.resource,
        notification.ml_user_id,
        notification.raw_text or json.dumps(notification.payload),
        not notification.handled,
        current_trace_id(),
    )
    assert row is not None
    return Receipt(event_id=row["event_id"], tenant_id=row["tenant_id"], status=row["status"], inserted=row["inserted"])
