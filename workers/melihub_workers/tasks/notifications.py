"""Notification processing and its safety nets: thin tasks over melihub.events."""

from __future__ import annotations

import uuid
from typing import Any

from melihub.events import recovery
from melihub.events.pipeline import process_resource as run_pipeline
from melihub.runtime import Services, work_deadline


async def process_resource(
    ctx: dict[str, Any], tenant_id: str, topic: str, resource: str, traceparent: str | None = None
) -> str:
    """``traceparent``: the webhook's trace (absent from the sweeper's and a reprocess's jobs)."""
    services: Services = ctx["services"]
    outcome = await run_pipeline(services, uuid.UUID(tenant_id), topic, resource, traceparent=traceparent)
    return outcome.status


async def sweep_inbox(ctx: dict[str, Any]) -> int:
    return await recovery.sweep_inbox(ctx["services"])


async def poll_missed_feeds(ctx: dict[str, Any]) -> int:
    services: Services = ctx["services"]
    return await recovery.poll_missed_feeds(services, deadline=work_deadline(services))
