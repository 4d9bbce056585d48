"""What follows a committed change of hub orders: the live board is told, due notifications are sent."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from melihub.db.unit import UnitOfWork
from melihub.hub.models import HubOrder
from melihub.observability import get_logger
from melihub.realtime.bus import Change, publish_many
from melihub.runtime import Services

HUB_ORDER_CHANGE = "hub_order"
DELIVER_JOB = "deliver_hub_notifications"
log = get_logger("melihub.hub")


def changes_of(hub_orders: Iterable[HubOrder]) -> list[Change]:
    return [
        Change(
            str(row.tenant_id),
            HUB_ORDER_CHANGE,
            str(row.id),
            f"{row.status}:{row.updated_at.isoformat()}",
            str(row.meli_account_id) if row.meli_account_id else None,
        )
        for row in hub_orders
    ]


async def enqueue_delivery(services: Services, tenant_id: uuid.UUID, hub_order_id: uuid.UUID) -> bool:
    """Ask a worker to send the order's due notifications now; False when Redis is away (the sweeper will)."""
    try:
        job = await services.redis.enqueue_job(DELIVER_JOB, str(tenant_id), str(hub_order_id))
    except Exception as exc:  # noqa: BLE001 - the notification is stored; the sweeper sends it
        log.warning("hub.enqueue_failed", order=str(hub_order_id), error=type(exc).__name__)
        return False
    return job is not None


def after_commit(services: Services, work: UnitOfWork, hub_orders: Iterable[HubOrder], *, deliver: bool) -> None:
    """Once ``work`` commits: publish the orders' changes and, when ``deliver``, queue their deliveries."""
    rows = list(hub_orders)
    changes = changes_of(rows)  # now: the rows' attributes are expired once the transaction commits
    keys = [(row.tenant_id, row.id) for row in rows]

    async def announce() -> None:
        await publish_many(services.redis, changes)
        if deliver:
            for tenant_id, hub_order_id in keys:
                await enqueue_delivery(services, tenant_id, hub_order_id)

    work.after_commit(announce)
