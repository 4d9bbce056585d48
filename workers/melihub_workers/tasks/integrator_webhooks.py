"""Outbound webhooks: one try of one delivery (queued by the fan-out or a retry), and the sweeper of due ones."""

from __future__ import annotations

import time
import uuid
from typing import Any

from melihub.integrator_webhooks import delivery
from melihub.integrator_webhooks.fanout import WebhookFanout
from melihub.runtime import Services

SLICE_SHARE = 0.6  # a sweep stops at this share of the job timeout; the next one carries on
FANOUT = "webhook_fanout"


async def deliver_webhook(ctx: dict[str, Any], tenant_id: str, delivery_id: str) -> dict[str, str]:
    services: Services = ctx["services"]
    return {"status": await delivery.deliver(services, uuid.UUID(tenant_id), uuid.UUID(delivery_id))}


async def sweep_webhook_deliveries(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    return {"queued": await delivery.sweep(services, deadline=deadline)}


async def start_fanout(ctx: dict[str, Any]) -> None:
    """The worker's listener that turns published changes into deliveries (stopped by ``stop_fanout``)."""
    ctx[FANOUT] = await WebhookFanout(ctx["services"]).start()


async def stop_fanout(ctx: dict[str, Any]) -> None:
    fanout: WebhookFanout | None = ctx.pop(FANOUT, None)
    if fanout is not None:
        await fanout.aclose()
