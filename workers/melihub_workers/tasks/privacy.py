"""LGPD upkeep: the hourly purge of raw notification payloads past each tenant's retention."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from melihub.privacy import retention
from melihub.runtime import Services


async def purge_raw_payloads(ctx: dict[str, Any], now: datetime | None = None) -> dict[str, int]:
    """``now``: the clock to judge by (tests move it); the present when arq runs the cron."""
    services: Services = ctx["services"]
    purged = await retention.purge_payloads(services, now=now)
    return {"tenants": len(purged), "purged": sum(purged.values())}
