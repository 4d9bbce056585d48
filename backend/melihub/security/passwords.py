"""Argon2id password hashes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from melihub.config import is_test_run

# A test run creates and signs in thousands of users: at argon2's default cost (≈ 0.15 s a hash or a check
# on CI) that was a third of the suite's time. Under MELIHUB_ENV=test the hashes are still argon2id, through
# the same code, at the lowest cost; any other environment gets the library's defaults (RFC 9106's).
_hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1) if is_test_run() else PasswordHasher()
# Verifying against this keeps "unknown e-mail" as slow as "wrong password" (no user enumeration).
_DUMMY_HASH = _hasher.hash("melihub-dummy-password")

MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
