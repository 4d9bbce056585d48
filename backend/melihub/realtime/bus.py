"""Change messages on Redis pub/sub: one channel per tenant, small messages, published after commit."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass

from redis.asyncio import Redis

from melihub import tracing
from melihub.observability import get_logger

CHANNEL_PREFIX = "melihub:tenant:"
log = get_logger("melihub.bus")


def tenant_channel(tenant_id: uuid.UUID | str) -> str:
    return f"{CHANNEL_PREFIX}{tenant_id}"


@dataclass(frozen=True)
class Change:
    """Something of a tenant changed: subscribers load the object itself by ``id``."""

    tenant_id: str
    type: str  # order | listing | shipment | question | message | claim | integration_event | meli_account
    id: str
    version: str | None = None
    meli_account_id: str | None = None

    def encode(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def decode(cls, data: bytes | str) -> Change | None:
        try:
            fields = json.loads(data)
            return cls(**{k: fields.get(k) for k in ("tenant_id", "type", "id", "version", "meli_account_id")})
        except (ValueError, TypeError):
            return None


async def publish_many(redis: Redis, changes: list[Change]) -> None:
    """Several changes in one round trip (a sync's page); best effort like :func:`publish`."""
    if not changes:
        return
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for change in changes:
                pipe.publish(tenant_channel(change.tenant_id), change.encode())
            await pipe.execute()
    except Exception as exc:  # noqa: BLE001
        log.warning("bus.publish_failed", error=type(exc).__name__, type=changes[0].type, count=len(changes))


async def publish(redis: Redis, change: Change) -> None:
    """Best effort: the database already holds the change; a lost message costs liveness, not data."""
    try:
        with tracing.span("realtime.publish", kind=tracing.SpanKind.PRODUCER, attributes={"melihub.type": change.type}):
            await redis.publish(tenant_channel(change.tenant_id), change.encode())
    except Exception as exc:  # noqa: BLE001
        log.warning("bus.publish_failed", error=type(exc).__name__, type=change.type)
