"""The pickup hub: recipients' documents from Mercado Livre's billing data, asked for by a cron."""

from __future__ import annotations

import time
from typing import Any

from melihub.hub import recipients
from melihub.runtime import Services

SLICE_SHARE = 0.6  # a run stops at this share of the job timeout; the next one carries on


async def fill_hub_documents(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    return {"filled": await recipients.fill_documents(services, deadline=deadline)}
