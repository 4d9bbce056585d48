"""A user's second factor: a TOTP secret (RFC 6238, pyotp) sealed with the key ring, and recovery codes.

Enrolment is two steps: ``begin_enrolment`` stores a new secret (not yet enabled) and returns it with its
``otpauth://`` URI; ``confirm_enrolment`` checks a first code from the authenticator, enables the factor and
returns ten single-use recovery codes, shown once and kept as SHA-256 hashes (each has 80 random bits, so
a fast hash is enough). A TOTP code is accepted for its 30-second step and one step either side; the step
last accepted is kept on the user, so a code cannot be used twice (nor an older one after a newer).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid
from typing import Literal

import pyotp
from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import MfaRecoveryCode, User
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.security.keyring import KeyRing

ISSUER = "melihub"
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed from paper
Factor = Literal["totp", "recovery"]


class MfaError(DomainError):
    """A second-factor request that cannot be honoured; ``code`` says which."""


def _associated(user_id: uuid.UUID) -> str:
    return f"user-mfa:{user_id}"


def otpauth_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def _digits(code: str) -> str | None:
    cleaned = code.replace(" ", "").strip()
    return cleaned if len(cleaned) == 6 and cleaned.isdigit() else None


def matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step (now, one before or one after) whose code this is; None when it is none of them."""
    digits = _digits(code)
    if digits is None:
        return None
    totp = pyotp.TOTP(secret)
    now_step = totp.timecode(time.time() if at is None else at)
    for step in (now_step, now_step - 1, now_step + 1):
        if hmac.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def recovery_hash(code: str) -> str:
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(f"melihub-recovery:{normalised}".encode()).hexdigest()


def new_recovery_codes() -> list[str]:
    def one() -> str:
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(16))
        return "-".join(raw[i : i + 4] for i in range(0, 16, 4))

    return [one() for _ in range(RECOVERY_CODE_COUNT)]


def secret_of(user: User, keyring: KeyRing) -> str:
    if user.mfa_secret_enc is None:
        raise MfaError("no second factor is set up", code="MFA_NOT_ENABLED")
    return keyring.decrypt(user.mfa_secret_enc, _associated(user.id))


async def _locked_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    """The user, locked until the transaction ends: two uses of one code or step serialise here."""
    user = (await session.exec(select(User).where(User.id == user_id).with_for_update())).first()
    if user is None:
        raise MfaError("the user no longer exists", code="NOT_FOUND")
    return user


async def begin_enrolment(session: AsyncSession, keyring: KeyRing, user_id: uuid.UUID) -> tuple[str, str]:
    """A new secret awaiting its first code, and its otpauth URI; a pending one is replaced."""
    user = await _locked_user(session, user_id)
    if user.mfa_enabled_at is not None:
        raise MfaError("the second factor is already on: disable it first", code="MFA_ALREADY_ENABLED")
    secret = pyotp.random_base32()
    user.mfa_secret_enc = keyring.encrypt(secret, _associated(user.id))
    user.mfa_last_step = None
    session.add(user)
    return secret, otpauth_uri(secret, user.email)


async def confirm_enrolment(session: AsyncSession, keyring: KeyRing, user_id: uuid.UUID, code: str) -> list[str]:
    """Enable the pending secret with a first code; the recovery codes, in clear this once."""
    user = await _locked_user(session, user_id)
    if user.mfa_enabled_at is not None:
        raise MfaError("the second factor is already on", code="MFA_ALREADY_ENABLED")
    if user.mfa_secret_enc is None:
        raise MfaError("start with enableMfa", field="code", code="MFA_NOT_STARTED")
    step = matching_step(secret_of(user, keyring), code)
    if step is None:
        raise MfaError(
            "the code does not match: check the authenticator's clock", field="code", code="INVALID_MFA_CODE"
        )
    user.mfa_enabled_at, user.mfa_last_step = utcnow(), step
    session.add(user)
    codes = new_recovery_codes()
    await session.exec(delete(MfaRecoveryCode).where(col(MfaRecoveryCode.user_id) == user.id))
    session.add_all(MfaRecoveryCode(user_id=user.id, code_hash=recovery_hash(c)) for c in codes)
    return codes


async def use_second_factor(session: AsyncSession, keyring: KeyRing, user_id: uuid.UUID, code: str) -> Factor:
    """Accept a current TOTP code (not seen before) or an unused recovery code (used up now)."""
    user = await _locked_user(session, user_id)
    if user.mfa_enabled_at is None:
        raise MfaError("no second factor is set up", code="MFA_NOT_ENABLED")
    if _digits(code) is not None:
        step = matching_step(secret_of(user, keyring), code)
        if step is None:
            raise MfaError("invalid code", field="code", code="INVALID_MFA_CODE")
        if user.mfa_last_step is not None and step <= user.mfa_last_step:
            raise MfaError("this code was already used: wait for the next one", field="code", code="INVALID_MFA_CODE")
        user.mfa_last_step = step
        session.add(user)
        return "totp"
    used = await session.exec(
        update(MfaRecoveryCode)
        .where(
            col(MfaRecoveryCode.user_id) == user.id,
            col(MfaRecoveryCode.code_hash) == recovery_hash(code),
            col(MfaRecoveryCode.used_at).is_(None),
        )
        .values(used_at=utcnow())
        .returning(col(MfaRecoveryCode.id))
    )
    if used.first() is None:
        raise MfaError("invalid code", field="code", code="INVALID_MFA_CODE")
    return "recovery"


async def disable(session: AsyncSession, keyring: KeyRing, user_id: uuid.UUID, code: str) -> Factor:
    """Turn the second factor off, proven by a current code (or a recovery code)."""
    factor = await use_second_factor(session, keyring, user_id, code)
    user = await _locked_user(session, user_id)
    user.mfa_secret_enc = user.mfa_enabled_at = user.mfa_last_step = None
    session.add(user)
    await session.exec(delete(MfaRecoveryCode).where(col(MfaRecoveryCode.user_id) == user.id))
    return factor


async def recovery_codes_left(session: AsyncSession, user_id: uuid.UUID) -> int:
    rows = await session.exec(
        select(MfaRecoveryCode.id).where(MfaRecoveryCode.user_id == user_id, col(MfaRecoveryCode.used_at).is_(None))
    )
    return len(rows.all())


async def rotate_secrets(session: AsyncSession, keyring: KeyRing) -> int:
    """Re-seal every TOTP secret not under the key ring's first key (``melihub keys rotate``); how many."""
    users = (await session.exec(select(User).where(col(User.mfa_secret_enc).is_not(None)))).all()
    changed = 0
    for user in users:
        assert user.mfa_secret_enc is not None
        if keyring.needs_rotation(user.mfa_secret_enc):
            user.mfa_secret_enc = keyring.encrypt(secret_of(user, keyring), _associated(user.id))
            session.add(user)
            changed += 1
    return changed
