"""KPIs: the cron that rebuilds the day-keyed rollups of tenants whose time zone changed."""

from __future__ import annotations

import time
from typing import Any

from melihub.kpis import zone_change
from melihub.runtime import Services

SLICE_SHARE = 0.6  # a run stops at this share of the job timeout; the next run carries on


async def rebuild_changed_zones(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    outcome = await zone_change.catch_up_all(services, deadline=deadline)
    return {"rebuilt": len(outcome.rebuilt), "unfinished": len(outcome.unfinished)}
