"""Token upkeep for linked Mercado Livre accounts."""

from __future__ import annotations

from typing import Any

from melihub.connections.maintenance import refresh_expiring_tokens
from melihub.runtime import Services, work_deadline


async def refresh_tokens(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    return await refresh_expiring_tokens(services, deadline=work_deadline(services))
