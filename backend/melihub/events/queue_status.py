"""``melihub queue status [--channel ML|HUB]``: the integration backlog, as an operator asks for it.

Per channel: events waiting (received, processing, retrying) and the oldest of them, retrying, failed,
and reprocesses still pending; the jobs waiting in the worker queue; for the hub, its ready notifications
by status. Counted across tenants by SECURITY DEFINER functions that return counts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text

from melihub.runtime import QUEUE_NAME, Services

CHANNEL_SOURCES = {"ML": "meli", "HUB": "hub"}
EVENTS = "SELECT * FROM melihub_queue_status(:source)"
NOTIFICATIONS = "SELECT * FROM melihub_hub_notification_status()"


@dataclass(frozen=True)
class ChannelBacklog:
    channel: str
    pending: int
    oldest_pending: datetime | None
    retrying: int
    failed: int
    reprocess_pending: int


@dataclass
class QueueStatus:
    channels: list[ChannelBacklog] = field(default_factory=list)
    queued_jobs: int = 0
    notifications: dict[str, tuple[int, datetime | None]] = field(default_factory=dict)


async def queue_status(services: Services, channel: str | None) -> QueueStatus:
    """``channel`` ML or HUB (None: both)."""
    wanted = [channel] if channel else list(CHANNEL_SOURCES)
    status = QueueStatus(queued_jobs=int(await services.redis.zcard(QUEUE_NAME)))
    async with services.db.global_session() as session:
        for name in wanted:
            rows = (await session.exec(text(EVENTS), params={"source": CHANNEL_SOURCES[name]})).all()  # type: ignore[call-overload]
            found = rows[0] if rows else (CHANNEL_SOURCES[name], 0, None, 0, 0, 0)
            status.channels.append(ChannelBacklog(name, int(found[1]), found[2], *(int(v) for v in found[3:])))
        if "HUB" in wanted:
            for row in (await session.exec(text(NOTIFICATIONS))).all():  # type: ignore[call-overload]
                status.notifications[str(row[0])] = (int(row[1]), row[2])
    return status
