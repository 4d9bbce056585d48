"""Signing in: the password, the lock-outs, the second factor and the company's MFA requirement.

Every failure answers the one ``INVALID_CREDENTIALS`` error (unknown e-mail, wrong password, unknown
tenant, disabled user, locked account or address alike) and is recorded: a log line always (the e-mail
only as a hash), and an audit row ``login.failed`` in the tenant of a known user. A user with a second
factor, or without one in a company that requires it, gets a short-lived ticket instead of a session: the
ticket is spent on ``verifyMfa`` (or on ``enableMfa`` + ``confirmMfa`` to enrol) and then the session starts.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts import mfa, sessions
from melihub.accounts import signin_guard as guard
from melihub.accounts.models import Membership, Tenant, User
from melihub.accounts.principal import AuthError
from melihub.audit import service as audit
from melihub.globalids import global_id_text
from melihub.runtime import Services
from melihub.security.passwords import verify_password

GENERIC_FAILURE = "invalid e-mail, password or tenant, or too many attempts: check them, or wait a few minutes"
TICKET_KEY = "melihub:signin:ticket:{}"
TICKET_TTL_S = 5 * 60
TICKET_MAX_TRIES = 5
Purpose = Literal["mfa", "enrol"]
T = TypeVar("T")


def invalid_credentials() -> AuthError:
    return AuthError(GENERIC_FAILURE, "INVALID_CREDENTIALS")


@dataclass(frozen=True)
class Client:
    ip: str | None
    user_agent: str | None


@dataclass(frozen=True)
class Ticket:
    """A password checked, a second step to go: who, into which tenant, for what."""

    user_id: uuid.UUID
    tenant_id: uuid.UUID
    purpose: Purpose
    account: str  # the attempt's e-mail key: second-step failures count against the same account
    secret: str = ""


@dataclass(frozen=True)
class SignIn:
    """A started session (``issued``), or the second step it waits for (``ticket``)."""

    user: User
    membership: Membership
    issued: sessions.IssuedSession | None = None
    ticket: Ticket | None = None


async def _user_by_email(services: Services, email: str) -> User | None:
    async with services.db.global_session() as session:
        return (await session.exec(select(User).where(User.email == email.strip().lower()))).first()


async def _memberships(services: Services, user_id: uuid.UUID) -> list[tuple[Membership, Tenant]]:
    async with services.db.global_session(user_id=user_id) as session:
        query = select(Membership, Tenant).join(Tenant, col(Tenant.id) == Membership.tenant_id)
        query = query.where(Membership.user_id == user_id).order_by(col(Membership.created_at))
        return [(m, t) for m, t in (await session.exec(query)).all()]


def _chosen(rows: list[tuple[Membership, Tenant]], slug: str | None) -> tuple[Membership, Tenant] | None:
    return next(((m, t) for m, t in rows if slug is None or t.slug == slug), None)


async def sign_in(services: Services, *, email: str, password: str, tenant_slug: str | None, client: Client) -> SignIn:
    """Check the password under the lock-outs; a session, or the ticket of the second step."""
    attempt = guard.Attempt.of(email, client.ip)
    if await guard.locked_for(services.redis, attempt):
        await _failed(services, attempt, client, await _user_by_email(services, email), tenant_slug, "locked")
        raise invalid_credentials()
    user = await _user_by_email(services, email)
    # Unknown e-mails are checked against a dummy hash: as slow as a wrong password.
    if not verify_password(user.password_hash if user else None, password) or user is None:
        await _failed(services, attempt, client, user, tenant_slug, "bad_password", count=True)
        raise invalid_credentials()
    chosen = _chosen(await _memberships(services, user.id), tenant_slug) if not user.disabled_at else None
    if chosen is None:
        reason = "disabled" if user.disabled_at else "not_a_member"
        await _failed(services, attempt, client, user, tenant_slug, reason, count=True)
        raise invalid_credentials()
    membership, tenant = chosen
    if user.mfa_enabled_at is not None or tenant.mfa_required:
        purpose: Purpose = "mfa" if user.mfa_enabled_at is not None else "enrol"
        ticket = await _new_ticket(services, Ticket(user.id, tenant.id, purpose, attempt.account))
        return SignIn(user=user, membership=membership, ticket=ticket)
    return await _start(services, user, membership, attempt, client)


async def verify_second_factor(services: Services, *, ticket: str, code: str, client: Client) -> tuple[SignIn, str]:
    """Spend an MFA ticket with a TOTP or recovery code: the session, and which factor was used."""

    def use(session: AsyncSession, user_id: uuid.UUID) -> Awaitable[str]:
        return mfa.use_second_factor(session, services.keyring, user_id, code)

    return await _second_step(services, ticket, "mfa", client, use)


async def finish_enrolment(services: Services, *, ticket: str, code: str, client: Client) -> tuple[SignIn, list[str]]:
    """Confirm the enrolment an ``enrol`` ticket started: the session, and the recovery codes."""

    def confirm(session: AsyncSession, user_id: uuid.UUID) -> Awaitable[list[str]]:
        return mfa.confirm_enrolment(session, services.keyring, user_id, code)

    return await _second_step(services, ticket, "enrol", client, confirm)


async def _second_step(
    services: Services,
    ticket: str,
    purpose: Purpose,
    client: Client,
    check: Callable[[AsyncSession, uuid.UUID], Awaitable[T]],
) -> tuple[SignIn, T]:
    """Run the ticket's code check under the lock-outs; a wrong code counts and spends one of its tries."""
    held = await ticket_of(services, ticket, purpose)
    attempt = guard.Attempt(account=held.account, ip=client.ip)
    user, membership = await _ticket_member(services, held)
    if await guard.locked_for(services.redis, attempt):
        await _failed(services, attempt, client, user, None, "locked", tenant_id=held.tenant_id)
        raise invalid_credentials()
    try:
        async with services.db.global_session(user_id=user.id) as session:
            checked = await check(session, user.id)
    except mfa.MfaError as exc:
        if exc.code == "INVALID_MFA_CODE":
            await _failed(services, attempt, client, user, None, "bad_mfa_code", count=True, tenant_id=held.tenant_id)
            await _spend_try(services, ticket)
        raise
    await services.redis.delete(_ticket_key(ticket))
    return await _start(services, user, membership, attempt, client), checked


async def counted(services: Services, *, user_id: uuid.UUID, client: Client, check: Callable[[], Awaitable[T]]) -> T:
    """A code a signed-in person types (confirming or disabling MFA): wrong ones count, as at sign-in."""
    async with services.db.global_session() as session:
        user = await session.get(User, user_id)
    attempt = guard.Attempt.of(user.email if user else str(user_id), client.ip)
    if await guard.locked_for(services.redis, attempt):
        raise AuthError("too many wrong codes: wait a few minutes and try again", "TOO_MANY_ATTEMPTS")
    try:
        return await check()
    except mfa.MfaError as exc:
        if exc.code == "INVALID_MFA_CODE":
            await _failed(services, attempt, client, user, None, "bad_mfa_code", count=True)
        raise


async def _start(
    services: Services, user: User, membership: Membership, attempt: guard.Attempt, client: Client
) -> SignIn:
    await guard.clear_account(services.redis, attempt)
    issued = await sessions.start_session(
        services.db, services.settings, membership, user_agent=client.user_agent, ip=client.ip
    )
    return SignIn(user=user, membership=membership, issued=issued)


def _ticket_key(ticket: str) -> str:
    return TICKET_KEY.format(hashlib.sha256(ticket.encode()).hexdigest())


async def _new_ticket(services: Services, held: Ticket) -> Ticket:
    secret = secrets.token_urlsafe(32)
    body = {"user": str(held.user_id), "tenant": str(held.tenant_id), "purpose": held.purpose}
    await services.redis.set(
        _ticket_key(secret), json.dumps({**body, "account": held.account, "tries": 0}), ex=TICKET_TTL_S
    )
    return Ticket(held.user_id, held.tenant_id, held.purpose, held.account, secret)


async def ticket_of(services: Services, ticket: str, purpose: Purpose) -> Ticket:
    """The ticket's holder; ``MFA_TICKET_INVALID`` when it is unknown, expired, used up or for another step."""
    raw = await services.redis.get(_ticket_key(ticket)) if ticket else None
    body = json.loads(raw) if raw else None
    if body is None or body["purpose"] != purpose:
        raise AuthError("the sign-in step expired or is unknown: sign in again", "MFA_TICKET_INVALID")
    return Ticket(uuid.UUID(body["user"]), uuid.UUID(body["tenant"]), purpose, body["account"], ticket)


async def _spend_try(services: Services, ticket: str) -> None:
    """A ticket takes a few wrong codes, then it is gone (the account's failure counter counts them too)."""
    key = _ticket_key(ticket)
    raw = await services.redis.get(key)
    if raw is None:
        return
    body = json.loads(raw)
    body["tries"] += 1
    if body["tries"] >= TICKET_MAX_TRIES:
        await services.redis.delete(key)
    else:
        await services.redis.set(key, json.dumps(body), keepttl=True)


async def _ticket_member(services: Services, held: Ticket) -> tuple[User, Membership]:
    rows = await _memberships(services, held.user_id)
    membership = next((m for m, _ in rows if m.tenant_id == held.tenant_id), None)
    async with services.db.global_session() as session:
        user = await session.get(User, held.user_id)
    if user is None or membership is None or user.disabled_at is not None:
        raise AuthError("the sign-in step expired or is unknown: sign in again", "MFA_TICKET_INVALID")
    return user, membership


async def _failed(
    services: Services,
    attempt: guard.Attempt,
    client: Client,
    user: User | None,
    tenant_slug: str | None,
    reason: str,
    *,
    count: bool = False,
    tenant_id: uuid.UUID | None = None,
) -> None:
    """Count the failure (unless the attempt was refused as locked) and record it: no secret in either."""
    locked = await guard.record_failure(services.redis, services.settings, attempt) if count else []
    guard.log.info(
        "signin.failed",
        reason=reason,
        account=attempt.account[:12],
        ip=client.ip,
        known=user is not None,
        locked=locked,
    )
    if user is None:
        return  # no tenant to hold an audit row: the log line is the record
    if tenant_id is None:
        rows = await _memberships(services, user.id)
        chosen = _chosen(rows, tenant_slug) or (rows[0] if rows else None)
        tenant_id = chosen[0].tenant_id if chosen else None
    if tenant_id is None:
        return
    async with services.db.tenant(tenant_id) as session:
        await audit.record(
            session,
            None,
            "login.failed",
            tenant_id=tenant_id,
            target_type="User",
            target_id=global_id_text("User", user.id),
            data={"reason": reason, "lockedOut": locked},
            ip=client.ip,
            user_agent=client.user_agent,
        )
