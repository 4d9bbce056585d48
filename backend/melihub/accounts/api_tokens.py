"""API tokens for integrators: shown once, stored as SHA-256, scoped to a tenant and a role."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import ApiToken, Role
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import AuthError, AuthMethod, Principal
from melihub.accounts.service import AccountError
from melihub.db.base import utcnow
from melihub.db.engine import Database
from melihub.security.opaque import new_token, parse_token, token_hash

API_TOKEN_KIND = "mhk"
# last_used_at is informative; writing it on every request would turn reads into writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


async def create_api_token(
    session: AsyncSession, principal: Principal, *, name: str, role: Role, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Returns the row and the token, which is never retrievable again."""
    principal.require(Permission.MANAGE_TOKENS)
    if not name.strip():
        raise AccountError("token name is required", field="name")
    if role is Role.OWNER:
        raise AccountError("API tokens cannot have the owner role", field="role")
    if role is Role.ADMIN and principal.role is not Role.OWNER:
        raise AuthError("only an owner may create admin tokens", "FORBIDDEN")
    secret = new_token(API_TOKEN_KIND, principal.tenant_id)
    token = ApiToken(
        tenant_id=principal.tenant_id,
        name=name.strip(),
        prefix=secret[:12],
        token_hash=token_hash(secret),
        role=role.value,
        created_by=principal.user_id,
        expires_at=expires_at,
    )
    session.add(token)
    await session.flush()
    return token, secret


async def revoke_api_token(session: AsyncSession, principal: Principal, token_id: uuid.UUID) -> ApiToken:
    principal.require(Permission.MANAGE_TOKENS)
    token = await session.get(ApiToken, token_id)
    if token is None or token.tenant_id != principal.tenant_id:
        raise AccountError("no such API token", field="id", code="NOT_FOUND")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.add(token)
    return token


async def list_api_tokens(session: AsyncSession, tenant_id: uuid.UUID) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.tenant_id == tenant_id).order_by(col(ApiToken.created_at).desc())
    return list((await session.exec(query)).all())


async def authenticate_api_token(db: Database, secret: str) -> Principal:
    parsed = parse_token(secret, API_TOKEN_KIND)
    if parsed is None:
        raise AuthError("invalid API token")
    now = utcnow()
    async with db.tenant(parsed.tenant_id) as session:
        token = (await session.exec(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))).first()
        if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
            raise AuthError("invalid, expired or revoked API token")
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            token.last_used_at = now
            session.add(token)
    return Principal(
        tenant_id=token.tenant_id, role=Role(token.role), method=AuthMethod.API_TOKEN, api_token_id=token.id
    )
