"""The pickup hub: the job that sends an order's due ready notifications, and the sweeper of what is due."""

from __future__ import annotations

import time
import uuid
from typing import Any

from melihub.hub import delivery
from melihub.runtime import Services

SLICE_SHARE = 0.6  # a sweep stops at this share of the job timeout; the next one carries on


async def deliver_hub_notifications(ctx: dict[str, Any], tenant_id: str, hub_order_id: str) -> dict[str, Any]:
    services: Services = ctx["services"]
    outcomes = await delivery.deliver_order(services, uuid.UUID(tenant_id), uuid.UUID(hub_order_id))
    return {"outcomes": outcomes}


async def sweep_hub_notifications(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    return {"tried": await delivery.sweep(services, deadline=deadline)}
