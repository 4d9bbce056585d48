"""Worker liveness, read by /api/v1/health."""

from __future__ import annotations

import os
import socket
import time
from typing import Any

from melihub.health import WORKER_HEARTBEAT_KEY, WORKER_STALE_S
from melihub.runtime import Services

WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"


async def heartbeat(ctx: dict[str, Any]) -> None:
    services: Services = ctx["services"]
    now = time.time()
    await services.redis.hset(WORKER_HEARTBEAT_KEY, WORKER_NAME, str(now))
    # Forget workers that stopped long ago so the hash does not grow with every restart.
    beats = await services.redis.hgetall(WORKER_HEARTBEAT_KEY)
    stale = [name for name, seen in beats.items() if now - float(seen) > 10 * WORKER_STALE_S]
    if stale:
        await services.redis.hdel(WORKER_HEARTBEAT_KEY, *stale)
