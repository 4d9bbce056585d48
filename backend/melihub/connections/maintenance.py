"""Jobs over every linked account: re-encryption with the newest key, refreshing expiring tokens."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text

from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref, read_pair, store_pair
from melihub.db.base import utcnow
from melihub.meli.errors import MeliError
from melihub.observability import get_logger
from melihub.runtime import Services

log = get_logger("melihub.connections.maintenance")


@dataclass(frozen=True)
class DirectoryEntry:
    tenant_id: uuid.UUID
    account_id: uuid.UUID
    ml_user_id: int
    status: str


async def directory(services: Services) -> list[DirectoryEntry]:
    async with services.db.global_session() as session:
        rows = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT tenant_id, account_id, ml_user_id, status FROM melihub_meli_account_directory()"
                )
            )
        ).all()
    return [DirectoryEntry(*row) for row in rows]


async def rotate_token_keys(services: Services) -> int:
    """Re-encrypt every stored token with the first key of the ring; returns how many accounts changed."""
    changed = 0
    for entry in await directory(services):
        async with services.db.tenant(entry.tenant_id) as session:
            account = await session.get(MeliAccount, entry.account_id, with_for_update=True)
            if account is None or not account.access_token_enc or not account.refresh_token_enc:
                continue
            if not (
                services.keyring.needs_rotation(account.access_token_enc)
                or services.keyring.needs_rotation(account.refresh_token_enc)
            ):
                continue
            store_pair(account, read_pair(account, services.keyring), services.keyring)
            session.add(account)
            changed += 1
    return changed


async def refresh_expiring_tokens(
    services: Services, within: timedelta = timedelta(hours=2), *, deadline: float | None = None
) -> dict[str, int]:
    """Refresh every active account whose access token expires within ``within`` (hourly cron).

    Stops at ``deadline`` (monotonic seconds); the accounts left are refreshed by the next run or on
    their first 401.
    """
    client = meli_client(services)
    outcome = {"refreshed": 0, "failed": 0, "skipped": 0}
    horizon = utcnow() + within
    for entry in await directory(services):
        if deadline is not None and time.monotonic() > deadline:
            break
        if entry.status != AccountStatus.ACTIVE.value:
            outcome["skipped"] += 1
            continue
        async with services.db.tenant(entry.tenant_id) as session:
            account = await session.get(MeliAccount, entry.account_id)
        if account is None or account.token_expires_at is None or account.token_expires_at > horizon:
            outcome["skipped"] += 1
            continue
        try:
            await client.refresher.refresh_if_expiring(account_ref(account), within=within)
            outcome["refreshed"] += 1
        except MeliError as exc:
            outcome["failed"] += 1
            log.warning("meli.refresh_failed", account=str(account.id), error=type(exc).__name__)
    return outcome
