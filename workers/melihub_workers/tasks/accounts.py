"""Token upkeep for linked Mercado Livre accounts."""

from __future__ import annotations

from typing import Any

from melihub.connections.maintenance import refresh_expiring_tokens


async def refresh_tokens(ctx: dict[str, Any]) -> dict[str, int]:
    return await refresh_expiring_tokens(ctx["services"])
