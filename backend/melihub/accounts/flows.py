"""Member and session changes with their side effects beyond the database (Redis marks), for every caller.

The API's mutations, the CLI and workers call these. Each runs in the caller's unit of work when given one
(a mutation's, so its audit row commits with the change) or its own, and applies the side effect only
once the change is committed.
"""

from __future__ import annotations

import uuid

from melihub.accounts import mfa, service, sessions
from melihub.accounts.auth import mark_family_revoked, mark_member_changed
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthError, Principal
from melihub.accounts.service import MemberView
from melihub.db.unit import UnitOfWork, within
from melihub.errors import DomainError
from melihub.runtime import Services
from melihub.security.opaque import parse_token


async def change_member_role(
    services: Services, principal: Principal, user_id: uuid.UUID, role: Role, *, unit: UnitOfWork | None = None
) -> tuple[MemberView, Role]:
    """Re-role a member; their current access tokens stop working (the next refresh carries the role)."""
    async with within(services.db, principal.tenant_id, unit, user_id=principal.user_id) as work:
        member, previous = await service.set_user_role(work.session, principal, user_id, role)
        work.after_commit(lambda: mark_member_changed(services.redis, services.settings, principal.tenant_id, user_id))
    return member, previous


async def limit_member_accounts(
    services: Services,
    principal: Principal,
    user_id: uuid.UUID,
    account_ids: list[uuid.UUID] | None,
    *,
    unit: UnitOfWork | None = None,
) -> tuple[MemberView, list[uuid.UUID] | None]:
    """Limit a member to some accounts (None lifts it); applies at their next request."""
    async with within(services.db, principal.tenant_id, unit, user_id=principal.user_id) as work:
        member, previous = await service.set_member_accounts(work.session, principal, user_id, account_ids)
        work.after_commit(lambda: mark_member_changed(services.redis, services.settings, principal.tenant_id, user_id))
    return member, previous


async def sign_out(services: Services, principal: Principal | None) -> None:
    """Revoke this login's refresh family; its access tokens stop working now, not when they expire."""
    if principal is None or principal.session_family is None:
        return
    await sessions.revoke_family(services.db, principal.tenant_id, principal.session_family)
    await mark_family_revoked(services.redis, services.settings, principal.session_family)


async def revoke_session(
    services: Services, principal: Principal, family_id: uuid.UUID, *, unit: UnitOfWork | None = None
) -> None:
    """Sign one of the caller's own logins out: its refresh tokens and, at once, its access tokens.

    Another person's login, a finished one, or any id at all from an API token, is ``NOT_FOUND``.
    """
    if principal.user_id is None:
        raise DomainError("no session of yours has this id", field="id", code="NOT_FOUND")
    async with within(services.db, principal.tenant_id, unit, user_id=principal.user_id) as work:
        if not await sessions.revoke_own_family(work.session, principal.user_id, family_id):
            raise DomainError("no session of yours has this id", field="id", code="NOT_FOUND")
        work.after_commit(lambda: mark_family_revoked(services.redis, services.settings, family_id))


async def refresh(services: Services, refresh_token: str) -> sessions.IssuedSession:
    """A new session pair for a refresh token; a reused one revokes its whole family (AuthError)."""
    try:
        return await sessions.rotate(services.db, services.settings, refresh_token)
    except AuthError as exc:
        if exc.code == "TOKEN_REUSED" and parse_token(refresh_token, sessions.REFRESH_KIND):
            family = await sessions.family_of(services.db, refresh_token)
            if family is not None:
                await mark_family_revoked(services.redis, services.settings, family)
        raise


async def rotate_mfa_secrets(services: Services) -> int:
    """``melihub keys rotate``: re-seal the TOTP secrets under the key ring's first key; how many changed."""
    async with services.db.global_session() as session:
        return await mfa.rotate_secrets(session, services.keyring)
