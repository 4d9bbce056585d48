"""Mercado Livre tokens at rest: AES-256-GCM with the key ring, the account id as associated data."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from redis.asyncio import Redis
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.applications import application_of, credentials_of
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.notes import AccountNotes
from melihub.db.base import utcnow
from melihub.db.engine import Database
from melihub.meli.config import AppCredentials
from melihub.meli.errors import ReauthRequired
from melihub.meli.tokens import AccountRef, TokenPair
from melihub.realtime.bus import Change, publish
from melihub.security.keyring import KeyRing


def account_ref(account: MeliAccount) -> AccountRef:
    return AccountRef(
        id=str(account.id), ml_user_id=account.ml_user_id, site_id=account.site_id, client_id=account.oauth_client_id
    )


def store_pair(account: MeliAccount, pair: TokenPair, keyring: KeyRing) -> None:
    """Encrypt ``pair`` onto the row (the caller commits)."""
    associated = str(account.id)
    account.access_token_enc = keyring.encrypt(pair.access_token, associated)
    account.refresh_token_enc = keyring.encrypt(pair.refresh_token, associated)
    account.token_expires_at = pair.expires_at
    account.updated_at = utcnow()


def read_pair(account: MeliAccount, keyring: KeyRing) -> TokenPair:
    if not account.access_token_enc or not account.refresh_token_enc or account.token_expires_at is None:
        raise ReauthRequired(f"account {account.nickname or account.ml_user_id} has no tokens")
    associated = str(account.id)
    return TokenPair(
        access_token=keyring.decrypt(account.access_token_enc, associated),
        refresh_token=keyring.decrypt(account.refresh_token_enc, associated),
        expires_at=account.token_expires_at.astimezone(UTC),
    )


async def tenant_of_account(db: Database, account_id: uuid.UUID) -> uuid.UUID | None:
    """Which tenant owns an account (routing fact, readable without a tenant)."""
    from sqlalchemy import text

    async with db.global_session() as session:
        row = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT tenant_id FROM melihub_meli_account_directory() WHERE account_id = :a"
                ),
                params={"a": account_id},
            )
        ).first()
    return row[0] if row else None


class DatabaseTokenStore:
    """The client's ``TokenStore``: rows of ``meli_accounts``, encrypted, under row-level security."""

    def __init__(self, db: Database, keyring: KeyRing, redis: Redis, notes: AccountNotes) -> None:
        self.db = db
        self.keyring = keyring
        self.redis = redis
        self.notes = notes
        self._tenants: dict[str, uuid.UUID] = {}

    async def _tenant(self, account: AccountRef) -> uuid.UUID:
        tenant = self._tenants.get(account.id) or await tenant_of_account(self.db, uuid.UUID(account.id))
        if tenant is None:
            raise ReauthRequired("the account is no longer linked")
        self._tenants[account.id] = tenant
        return tenant

    async def _row(self, session: AsyncSession, account: AccountRef) -> MeliAccount:
        row = await session.get(MeliAccount, uuid.UUID(account.id), with_for_update=True)
        if row is None:
            raise ReauthRequired("the account is no longer linked")
        return row

    async def load(self, account: AccountRef) -> TokenPair:
        async with self.db.tenant(await self._tenant(account)) as session:
            row = await session.get(MeliAccount, uuid.UUID(account.id))
            if row is None or row.status != AccountStatus.ACTIVE.value:
                raise ReauthRequired("the account is not active; link it again")
            return read_pair(row, self.keyring)

    async def save(self, account: AccountRef, pair: TokenPair) -> None:
        async with self.db.tenant(await self._tenant(account)) as session:
            row = await self._row(session, account)
            store_pair(row, pair, self.keyring)
            session.add(row)

    async def mark_reauth_required(self, account: AccountRef, reason: str) -> None:
        tenant = await self._tenant(account)
        async with self.db.tenant(tenant) as session:
            row = await self._row(session, account)
            row.status = AccountStatus.REAUTH_REQUIRED.value
            row.last_error = reason[:500]
            row.last_error_at = datetime.now(UTC)
            row.updated_at = utcnow()
            session.add(row)
            await self.notes(session, row, "reauth_required", reason, failed=True)
        await publish(self.redis, Change(str(tenant), "meli_account", account.id, meli_account_id=account.id))

    async def credentials(self, account: AccountRef) -> AppCredentials:
        async with self.db.tenant(await self._tenant(account)) as session:
            application = await application_of(session)
        if application is None or application.client_id != account.client_id:
            raise ReauthRequired("the company's Mercado Livre application changed; reauthorize the account")
        return credentials_of(application, self.keyring)
