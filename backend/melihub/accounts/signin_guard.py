"""Failed sign-ins counted per e-mail and per client address in Redis, shared by every API process.

The account counter is keyed by the e-mail as typed (normalised and hashed), whether or not a user has it:
an unknown address locks out exactly like a real one, so a lock-out says nothing about who exists. Reaching
the limit within the window sets a lock key for the lock-out time; while it lives every attempt is refused
without checking the password (a locked client cannot keep guessing, nor make the server hash for it).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from redis.asyncio import Redis

from melihub.config import Settings
from melihub.observability import get_logger

log = get_logger("melihub.accounts.signin")

FAILURES_KEY = "melihub:signin:failures:{}:{}"  # kind (account | ip), key
LOCK_KEY = "melihub:signin:lock:{}:{}"


def email_key(email: str) -> str:
    """A stable key for an e-mail as typed, that the key itself does not reveal (no address in Redis)."""
    # Base32, not hex: a long run of digits would read as a phone number to the log masking.
    return base64.b32encode(hashlib.sha256(email.strip().lower().encode()).digest()[:20]).decode().lower()


@dataclass(frozen=True)
class Attempt:
    """Who tries to sign in: the e-mail's key and the client address (None when unknown)."""

    account: str
    ip: str | None

    @classmethod
    def of(cls, email: str, ip: str | None) -> Attempt:
        return cls(account=email_key(email), ip=ip)

    def subjects(self) -> list[tuple[str, str]]:
        return [("account", self.account), *([("ip", self.ip)] if self.ip else [])]


def _limit(settings: Settings, kind: str) -> int:
    return settings.signin_account_max_failures if kind == "account" else settings.signin_ip_max_failures


async def locked_for(redis: Redis, attempt: Attempt) -> int:
    """Seconds until this attempt's account and address are both free again; 0 when neither is locked."""
    waits = [await redis.ttl(LOCK_KEY.format(kind, key)) for kind, key in attempt.subjects()]
    return max([0, *waits])


async def record_failure(redis: Redis, settings: Settings, attempt: Attempt) -> list[str]:
    """Count one failure for the account and the address; the kinds (account, ip) it has just locked."""
    locked: list[str] = []
    for kind, key in attempt.subjects():
        counter = FAILURES_KEY.format(kind, key)
        async with redis.pipeline(transaction=True) as pipe:
            # The window starts at the first failure: SET NX gives the key its expiry, INCR keeps it.
            pipe.set(counter, 0, ex=settings.signin_failure_window_s, nx=True)
            pipe.incr(counter)
            _, failures = await pipe.execute()
        if int(failures) >= _limit(settings, kind):
            await redis.set(LOCK_KEY.format(kind, key), "1", ex=settings.signin_lockout_s)
            await redis.delete(counter)
            locked.append(kind)
            log.warning("signin.locked_out", kind=kind, key=key, lockout_s=settings.signin_lockout_s)
    return locked


async def clear_account(redis: Redis, attempt: Attempt) -> None:
    """A full sign-in forgets the account's failures (the address keeps its own)."""
    await redis.delete(FAILURES_KEY.format("account", attempt.account))
