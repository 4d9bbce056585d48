"""Exports: the job that builds one file, the minute cron that starts due schedules, and the cleanup."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from melihub.exports import runner, schedules
from melihub.runtime import Services


async def run_export(ctx: dict[str, Any], tenant_id: str, export_id: str) -> dict[str, str]:
    services: Services = ctx["services"]
    status = await runner.run_export(services, uuid.UUID(tenant_id), uuid.UUID(export_id))
    return {"status": status}


async def start_due_exports(ctx: dict[str, Any], now: datetime | None = None) -> dict[str, int]:
    """``now``: the clock to judge by (tests move it); the present when arq runs the cron."""
    services: Services = ctx["services"]
    started = await schedules.run_due_schedules(services, now)
    return {"started": len(started)}


async def clean_up_exports(ctx: dict[str, Any], now: datetime | None = None) -> dict[str, int]:
    services: Services = ctx["services"]
    cleaned = await schedules.clean_up(services, now)
    return {"expired": len(cleaned.expired), "failed": len(cleaned.failed)}
