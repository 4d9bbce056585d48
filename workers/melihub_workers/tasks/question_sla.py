"""The minute cron that announces questions crossing 80 % and 100 % of their SLA (``questionChanged``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from melihub.questions import sla_updates
from melihub.runtime import Services


async def announce_question_sla(ctx: dict[str, Any], now: datetime | None = None) -> dict[str, int]:
    """``now``: the clock to judge by (tests move it); the present when arq runs the cron."""
    services: Services = ctx["services"]
    outcome = await sla_updates.announce_crossings(services, now=now)
    return {"warned": len(outcome.warned), "breached": len(outcome.breached)}
