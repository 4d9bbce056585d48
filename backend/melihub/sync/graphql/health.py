"""``MeliAccount.health``: how a linked account's sync is doing, computed by ``melihub.sync.health``.

Kept apart from ``types`` so the account type can carry the field without importing the sync run types
(which show their account, and so import it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.relay import row_id_of
from melihub.sync.graphql.loaders import account_health
from melihub.sync.health import AccountHealth, HealthState

strawberry.enum(HealthState, name="AccountHealthState")


@strawberry.type(name="AccountHealth", description="How a linked account's sync is doing, as of this read.")
class AccountHealthType:
    last_synced_at: datetime | None = strawberry.field(description="When its last successful sync ended.")
    cursor_lag_seconds: int | None = strawberry.field(
        description="How far behind now its orders are synced up to; null when never synced."
    )
    failed_events_24h: int = strawberry.field(description="Its notifications that failed in the last 24 hours.")
    token_expires_at: datetime | None
    breaker_open: bool = strawberry.field(description="Some circuit breaker of it is open (calls held back).")
    state: HealthState

    @classmethod
    def of(cls, health: AccountHealth) -> AccountHealthType:
        return cls(
            last_synced_at=health.last_synced_at,
            cursor_lag_seconds=health.cursor_lag_seconds,
            failed_events_24h=health.failed_events_24h,
            token_expires_at=health.token_expires_at,
            breaker_open=health.breaker_open,
            state=health.state,
        )


async def resolve_account_health(root: Any, info: Info) -> AccountHealthType:
    """The field's resolver on ``MeliAccount`` (``root``): batched over every account of the answer."""
    found = await account_health(info.context).load(row_id_of(str(root.id), ACCOUNT_TYPE))
    if found is None:  # the account was shown to this caller a moment ago: gone since
        raise AppError("the account is no longer visible to you", "NOT_FOUND")
    return AccountHealthType.of(found)
