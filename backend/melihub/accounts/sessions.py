"""Login sessions: a 15-minute access JWT plus a rotating, single-use refresh token.

Presenting a refresh token that was already used means it leaked (or a client raced itself):
the whole family is revoked, so the thief and the owner are both signed out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import AuthSession, Membership, Role
from melihub.accounts.principal import AuthError
from melihub.config import Settings
from melihub.db.base import utcnow
from melihub.db.engine import Database
from melihub.security.jwt import AccessClaims, issue_access_token
from melihub.security.opaque import new_token, parse_token, token_hash

REFRESH_KIND = "mhr"


@dataclass(frozen=True)
class IssuedSession:
    access_token: str
    refresh_token: str
    claims: AccessClaims


def _access(settings: Settings, membership: Membership, family: uuid.UUID) -> tuple[str, AccessClaims]:
    expires = int((utcnow() + timedelta(seconds=settings.access_token_ttl_s)).timestamp())
    restricted = membership.meli_account_ids
    claims = AccessClaims(
        user_id=membership.user_id,
        tenant_id=membership.tenant_id,
        role=Role(membership.role).value,
        session_family=family,
        expires_at=expires,
        meli_account_ids=tuple(restricted) if restricted is not None else None,
    )
    return issue_access_token(claims, settings.jwt_secret.get_secret_value()), claims


async def start_session(
    db: Database,
    settings: Settings,
    membership: Membership,
    *,
    user_agent: str | None = None,
    ip: str | None = None,
) -> IssuedSession:
    family = uuid.uuid4()
    refresh = new_token(REFRESH_KIND, membership.tenant_id)
    async with db.tenant(membership.tenant_id) as session:
        session.add(
            AuthSession(
                tenant_id=membership.tenant_id,
                user_id=membership.user_id,
                family_id=family,
                token_hash=token_hash(refresh),
                expires_at=utcnow() + timedelta(seconds=settings.refresh_token_ttl_s),
                user_agent=(user_agent or "")[:300] or None,
                ip=ip,
            )
        )
    access, claims = _access(settings, membership, family)
    return IssuedSession(access_token=access, refresh_token=refresh, claims=claims)


async def rotate(db: Database, settings: Settings, refresh_token: str) -> IssuedSession:
    """Exchange a refresh token for a new pair; reuse revokes the family and fails."""
    parsed = parse_token(refresh_token, REFRESH_KIND)
    if parsed is None:
        raise AuthError("invalid refresh token")
    now = utcnow()
    async with db.tenant(parsed.tenant_id) as session:
        row = (
            await session.exec(
                select(AuthSession).where(AuthSession.token_hash == token_hash(refresh_token)).with_for_update()
            )
        ).first()
        if row is None or row.expires_at <= now or (row.revoked_at is not None and row.used_at is None):
            raise AuthError("invalid, expired or signed-out refresh token")
        if row.used_at is not None:
            await _revoke_family(session, row.family_id)
            reused = AuthError("refresh token reused: every session of this login was revoked", "TOKEN_REUSED")
        else:
            reused = None
            membership = (
                await session.exec(
                    select(Membership).where(Membership.tenant_id == row.tenant_id, Membership.user_id == row.user_id)
                )
            ).first()
            if membership is None:
                raise AuthError("membership no longer exists")
            row.used_at = now
            session.add(row)
            refresh = new_token(REFRESH_KIND, row.tenant_id)
            session.add(
                AuthSession(
                    tenant_id=row.tenant_id,
                    user_id=row.user_id,
                    family_id=row.family_id,
                    token_hash=token_hash(refresh),
                    expires_at=row.expires_at,
                    user_agent=row.user_agent,
                    ip=row.ip,
                )
            )
    # Raised after the transaction commits, so the family revocation is kept.
    if reused:
        raise reused
    assert membership is not None
    access, claims = _access(settings, membership, row.family_id)
    return IssuedSession(access_token=access, refresh_token=refresh, claims=claims)


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.exec(
        update(AuthSession)
        .where(col(AuthSession.family_id) == family_id, col(AuthSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


async def revoke_own_family(session: AsyncSession, user_id: uuid.UUID, family_id: uuid.UUID) -> bool:
    """Revoke a live family of this user (in the session's tenant); False when there is none."""
    result = await session.exec(
        update(AuthSession)
        .where(
            col(AuthSession.family_id) == family_id,
            col(AuthSession.user_id) == user_id,
            col(AuthSession.revoked_at).is_(None),
            col(AuthSession.used_at).is_(None),
            col(AuthSession.expires_at) > utcnow(),
        )
        .values(revoked_at=utcnow())
        .returning(col(AuthSession.id))
    )
    if result.first() is None:
        return False
    await _revoke_family(session, family_id)
    return True


async def revoke_family(db: Database, tenant_id: uuid.UUID, family_id: uuid.UUID) -> None:
    async with db.tenant(tenant_id) as session:
        await _revoke_family(session, family_id)


async def family_is_active(db: Database, tenant_id: uuid.UUID, family_id: uuid.UUID) -> bool:
    async with db.tenant(tenant_id) as session:
        row = (
            await session.exec(
                select(AuthSession.id)
                .where(AuthSession.family_id == family_id, col(AuthSession.revoked_at).is_(None))
                .limit(1)
            )
        ).first()
    return row is not None


async def family_of(db: Database, refresh_token: str) -> uuid.UUID | None:
    parsed = parse_token(refresh_token, REFRESH_KIND)
    if parsed is None:
        return None
    async with db.tenant(parsed.tenant_id) as session:
        row = (
            await session.exec(select(AuthSession.family_id).where(AuthSession.token_hash == token_hash(refresh_token)))
        ).first()
    return row
