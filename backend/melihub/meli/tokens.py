"""Access tokens: the storage seam and the cross-process single-flight refresher.

ML refresh tokens are single use and rotating (reference §2.2): two processes refreshing with the
same refresh token means the second gets ``invalid_grant`` and the seller is logged out. So a
refresh is serialised per account with a Redis lock (``SET NX PX``); the holder first reloads the
store (another process may have refreshed already), otherwise calls the token endpoint and saves
the new pair before anything uses it. Everyone else waits for the lock to go and reloads the store.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import structlog
from redis.asyncio import Redis

from melihub.meli.config import AppCredentials, MeliClientConfig
from melihub.meli.errors import InvalidGrant, Unavailable
from melihub.meli.models import TokenResponse
from melihub.meli.oauth import MeliOAuth

log = structlog.get_logger("melihub.meli.tokens")

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@dataclass(frozen=True)
class AccountRef:
    """One linked seller account: our id (uuid as str), the ML user id and its site.

    ``client_id`` names the application its tokens were issued to when that is not the process's own
    (a company's own application): refreshes go with that application's credentials.
    """

    id: str
    ml_user_id: int
    site_id: str
    client_id: str | None = None


@dataclass(frozen=True)
class TokenPair:
    """An access/refresh token pair; ``repr`` never shows the tokens."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime

    def __post_init__(self) -> None:
        if self.expires_at.tzinfo is None:
            raise ValueError("TokenPair.expires_at must be timezone-aware")

    def expires_within(self, delta: timedelta | float, *, now: datetime | None = None) -> bool:
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else delta
        return self.expires_at <= (now or datetime.now(UTC)) + timedelta(seconds=seconds)

    @classmethod
    def from_response(cls, response: TokenResponse, *, now: datetime | None = None) -> TokenPair:
        issued = now or datetime.now(UTC)
        expires_at = issued + timedelta(seconds=response.expires_in)
        return cls(response.access_token, response.refresh_token, expires_at)


class TokenStore(Protocol):
    """Where token pairs live (the database, encrypted); the client knows nothing else of storage."""

    async def load(self, account: AccountRef) -> TokenPair:
        """The current pair. May raise ``ReauthRequired`` when the account has none."""
        ...

    async def save(self, account: AccountRef, pair: TokenPair) -> None:
        """Persist a freshly issued pair. Called right after the token endpoint answers, before use."""
        ...

    async def mark_reauth_required(self, account: AccountRef, reason: str) -> None:
        """The grant is dead (``invalid_grant``): flag the account so the seller is asked to re-link."""
        ...

    async def credentials(self, account: AccountRef) -> AppCredentials:
        """The credentials of the application ``account.client_id`` names (asked only when it names one)."""
        ...


def _fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


class TokenRefresher:
    """Hands out usable access tokens and refreshes them once per account across all processes."""

    def __init__(self, store: TokenStore, oauth: MeliOAuth, redis: Redis, config: MeliClientConfig) -> None:
        self.store = store
        self.oauth = oauth
        self.redis = redis
        self.config = config
        self._cache: dict[str, TokenPair] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._release = redis.register_script(_RELEASE)

    def _lock_key(self, account: AccountRef) -> str:
        return f"{self.config.key_prefix}:refresh:{account.id}:lock"

    def _dead_key(self, account: AccountRef) -> str:
        return f"{self.config.key_prefix}:refresh:{account.id}:dead"

    def _local_lock(self, account: AccountRef) -> asyncio.Lock:
        return self._locks.setdefault(account.id, asyncio.Lock())

    def forget(self, account: AccountRef) -> None:
        """Drop the in-process cache (e.g. after the seller re-linked the account)."""
        self._cache.pop(account.id, None)

    async def current(self, account: AccountRef) -> TokenPair:
        """A pair to use now: cached, else loaded; refreshed first if it is (about to be) expired."""
        skew = self.config.token_expiry_skew_s
        pair = self._cache.get(account.id)
        if pair is not None and not pair.expires_within(skew):
            return pair
        pair = await self.store.load(account)
        self._cache[account.id] = pair
        if pair.expires_within(skew):
            pair = await self.refresh(account, pair.access_token)
        return pair

    async def refresh(self, account: AccountRef, stale_access_token: str | None) -> TokenPair:
        """Replace ``stale_access_token`` (the one that just got a 401) with a working pair.

        Single flight: coroutines of this process queue on a local lock, processes on a Redis lock;
        whoever finds that the token already changed simply uses the new one.
        """
        skew = self.config.token_expiry_skew_s

        def usable(pair: TokenPair) -> bool:
            return pair.access_token != stale_access_token and not pair.expires_within(skew)

        async with self._local_lock(account):
            cached = self._cache.get(account.id)
            if cached is not None and usable(cached):
                return cached
            pair, _ = await self._single_flight(account, usable)
            return pair

    async def refresh_if_expiring(
        self, account: AccountRef, within: timedelta = timedelta(hours=2)
    ) -> TokenPair | None:
        """For the hourly cron: refresh when the stored token expires within ``within``.

        Returns the new pair, or ``None`` when nothing had to be done (still valid, or another
        process refreshed it meanwhile). Raises ``InvalidGrant`` (account marked) like any refresh.
        """

        def usable(pair: TokenPair) -> bool:
            return not pair.expires_within(within)

        if usable(await self.store.load(account)):
            return None
        async with self._local_lock(account):
            pair, refreshed = await self._single_flight(account, usable)
            return pair if refreshed else None

    async def _single_flight(self, account: AccountRef, usable: Callable[[TokenPair], bool]) -> tuple[TokenPair, bool]:
        deadline = time.monotonic() + self.config.refresh_wait_s
        lock_key = self._lock_key(account)
        while True:
            owner = secrets.token_hex(16)
            ttl_ms = int(self.config.refresh_lock_ttl_s * 1000)
            if await self.redis.set(lock_key, owner, nx=True, px=ttl_ms):
                try:
                    return await self._refresh_holding_lock(account, usable)
                finally:
                    await self._release(keys=[lock_key], args=[owner])
            await self._wait_for_unlock(lock_key, deadline)
            pair = await self.store.load(account)
            if usable(pair):
                self._cache[account.id] = pair
                return pair, False
            await self._raise_if_dead(account, pair)
            # The holder failed (e.g. network) without a verdict: try to take the lock ourselves.

    async def _refresh_holding_lock(
        self, account: AccountRef, usable: Callable[[TokenPair], bool]
    ) -> tuple[TokenPair, bool]:
        pair = await self.store.load(account)
        if usable(pair):  # another process refreshed while we were getting here
            self._cache[account.id] = pair
            return pair, False
        await self._raise_if_dead(account, pair)
        try:
            credentials = await self.store.credentials(account) if account.client_id else None
            response = await self.oauth.refresh(pair.refresh_token, credentials=credentials)
        except InvalidGrant as exc:
            # Remember (by fingerprint only) that this refresh token is dead, so waiters of other
            # processes do not burn another token call on it; a re-linked account has a new one.
            await self.redis.set(
                self._dead_key(account),
                _fingerprint(pair.refresh_token),
                ex=max(60, int(self.config.refresh_wait_s * 10)),
            )
            self._cache.pop(account.id, None)
            await self.store.mark_reauth_required(account, f"refresh failed: {exc.error or 'invalid_grant'}")
            log.warning("meli.token.invalid_grant", account=account.id, ml_user_id=account.ml_user_id)
            raise
        new_pair = TokenPair.from_response(response)
        await self.store.save(account, new_pair)  # persist before anything uses it
        self._cache[account.id] = new_pair
        log.info(
            "meli.token.refreshed",
            account=account.id,
            ml_user_id=account.ml_user_id,
            expires_at=new_pair.expires_at.isoformat(),
        )
        return new_pair, True

    async def _raise_if_dead(self, account: AccountRef, pair: TokenPair) -> None:
        dead = await self.redis.get(self._dead_key(account))
        if dead is not None and (dead.decode() if isinstance(dead, bytes) else str(dead)) == _fingerprint(
            pair.refresh_token
        ):
            raise InvalidGrant(
                "refresh token already rejected (invalid_grant); re-authorization required",
                status=400,
                error="invalid_grant",
            )

    async def _wait_for_unlock(self, lock_key: str, deadline: float) -> None:
        while await self.redis.exists(lock_key):
            if time.monotonic() >= deadline:
                raise Unavailable(
                    "timed out waiting for another process to refresh the token", error="refresh_wait_timeout"
                )
            await asyncio.sleep(0.05 + random.uniform(0, 0.02))
