"""Tenants, users and memberships: creating a company, signing in, inviting and re-roling people."""

from __future__ import annotations

import re
import secrets
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import func, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.business_hours import BusinessHours, InvalidBusinessHours
from melihub.accounts.models import Membership, Role, Tenant, User
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import AuthError, Principal
from melihub.audit import service as audit
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.db.paging import account_condition
from melihub.errors import DomainError
from melihub.security.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# PostgreSQL does every local-day computation (``AT TIME ZONE``), so its own zone list is the judge.
KNOWN_TIME_ZONE = text("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = :name)")
MIN_SLA_MINUTES, MAX_SLA_MINUTES = 1, 7 * 24 * 60


class AccountError(DomainError):
    """A request about tenants, users or tokens that cannot be honoured."""


@dataclass(frozen=True)
class MemberView:
    user: User
    membership: Membership

    @property
    def id(self) -> uuid.UUID:
        return self.user.id


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError("invalid e-mail address", field="email")
    return email


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "tenant"


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must have at least {MIN_PASSWORD_LENGTH} characters", field="password")


async def _user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.exec(select(User).where(User.email == email))).first()


@dataclass(frozen=True)
class TenantSettingsChange:
    """The tenant after ``update_tenant_settings``, and each changed setting's (before, after)."""

    tenant: Tenant
    changed: dict[str, tuple[Any, Any]]

    @property
    def moves_sla(self) -> bool:
        """Whether questions' due times depend on what changed (the SLA, the hours, or their zone)."""
        return bool({"question_sla_minutes", "business_hours", "time_zone"} & self.changed.keys())


class Keep(Enum):
    """An optional setting left as it is (where ``None`` is a value: hours cleared)."""

    KEEP = "keep"


async def create_tenant(
    db: Database, *, name: str, owner_email: str, owner_password: str, slug: str | None = None
) -> tuple[Tenant, User]:
    """A new company with its first owner (an existing user keeps their password)."""
    if not name.strip():
        raise AccountError("tenant name is required", field="name")
    email = normalize_email(owner_email)
    tenant = Tenant(name=name.strip(), slug=slug or f"{slugify(name)}-{secrets.token_hex(3)}")
    try:
        async with db.tenant(tenant.id) as session:
            session.add(tenant)
            user = await _user_by_email(session, email)
            if user is None:
                check_password(owner_password)
                user = User(email=email, password_hash=hash_password(owner_password))
                session.add(user)
            await session.flush()
            session.add(Membership(tenant_id=tenant.id, user_id=user.id, role=Role.OWNER.value))
            await audit.record(
                session,
                None,
                "tenant.created",
                tenant_id=tenant.id,
                target_type="tenant",
                target_id=tenant.id,
                data={"owner": user.id.hex},
            )
    except IntegrityError as exc:
        # Other tenants are invisible under row-level security: the unique index is the only judge.
        if "tenants_slug_key" in str(exc.orig):
            raise AccountError(f"slug {tenant.slug!r} is taken", field="slug", code="SLUG_TAKEN") from None
        raise
    return tenant, user


async def authenticate_password(
    db: Database, email: str, password: str, tenant_slug: str | None = None
) -> tuple[User, Membership]:
    """The user and the membership they sign in to; one message for every failure (no enumeration)."""
    failure = AuthError("invalid e-mail, password or tenant", "INVALID_CREDENTIALS")
    try:
        email = normalize_email(email)
    except AccountError:
        raise failure from None
    async with db.global_session() as session:
        user = await _user_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password) or user is None or user.disabled_at:
        raise failure
    async with db.global_session(user_id=user.id) as session:
        query = select(Membership, Tenant).join(Tenant, col(Tenant.id) == Membership.tenant_id)
        query = query.where(Membership.user_id == user.id).order_by(col(Membership.created_at))
        rows = (await session.exec(query)).all()
    for membership, tenant in rows:
        if tenant_slug is None or tenant.slug == tenant_slug:
            return user, membership
    raise failure


async def memberships_of(db: Database, user_id: uuid.UUID) -> list[tuple[Membership, Tenant]]:
    async with db.global_session(user_id=user_id) as session:
        query = select(Membership, Tenant).join(Tenant, col(Tenant.id) == Membership.tenant_id)
        rows = (await session.exec(query.where(Membership.user_id == user_id))).all()
    return [(m, t) for m, t in rows]


async def get_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> Tenant | None:
    return await session.get(Tenant, tenant_id)


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def list_members(session: AsyncSession, tenant_id: uuid.UUID) -> list[MemberView]:
    query = select(User, Membership).join(Membership, col(Membership.user_id) == User.id)
    rows = (await session.exec(query.where(Membership.tenant_id == tenant_id).order_by(col(User.email)))).all()
    return [MemberView(user=u, membership=m) for u, m in rows]


async def invite_user(
    session: AsyncSession, principal: Principal, *, email: str, role: Role, name: str = ""
) -> tuple[MemberView, str | None]:
    """Add a person to the tenant; a new user gets a one-time temporary password (returned once)."""
    principal.require(Permission.MANAGE_USERS)
    if role is Role.OWNER and principal.role is not Role.OWNER:
        raise AuthError("only an owner may make another owner", "FORBIDDEN")
    email = normalize_email(email)
    user = await _user_by_email(session, email)
    temporary_password = None
    if user is None:
        temporary_password = secrets.token_urlsafe(12)
        user = User(email=email, name=name, password_hash=hash_password(temporary_password))
        session.add(user)
        await session.flush()
    existing = (
        await session.exec(
            select(Membership).where(Membership.tenant_id == principal.tenant_id, Membership.user_id == user.id)
        )
    ).first()
    if existing:
        raise AccountError(f"{email} is already a member of this tenant", field="email", code="ALREADY_MEMBER")
    # A member limited to some accounts cannot hand out more than they see: the invitee shares the limit.
    inherited = sorted(principal.meli_account_ids) if principal.meli_account_ids is not None else None
    membership = Membership(tenant_id=principal.tenant_id, user_id=user.id, role=role.value, meli_account_ids=inherited)
    session.add(membership)
    return MemberView(user=user, membership=membership), temporary_password


async def _member(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> tuple[Membership, User]:
    row = (
        await session.exec(
            select(Membership, User)
            .join(User, col(User.id) == Membership.user_id)
            .where(Membership.tenant_id == principal.tenant_id, Membership.user_id == user_id)
        )
    ).first()
    if row is None:
        raise AccountError("no such member in this tenant", field="userId", code="NOT_FOUND")
    return row


async def set_user_role(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, role: Role
) -> tuple[MemberView, Role]:
    """The member with the new role, and the role they had."""
    principal.require(Permission.MANAGE_USERS)
    membership, user = await _member(session, principal, user_id)
    touches_owner = Role.OWNER in (role, Role(membership.role))
    if touches_owner and principal.role is not Role.OWNER:
        raise AuthError("only an owner may grant or remove the owner role", "FORBIDDEN")
    if membership.role == Role.OWNER.value and role is not Role.OWNER:
        owners = (
            await session.exec(
                select(func.count())
                .select_from(Membership)
                .where(Membership.tenant_id == principal.tenant_id, Membership.role == Role.OWNER.value)
            )
        ).one()
        if owners <= 1:
            raise AccountError("a tenant keeps at least one owner", field="role", code="LAST_OWNER")
    previous = Role(membership.role)
    membership.role = role.value
    session.add(membership)
    return MemberView(user=user, membership=membership), previous


async def set_member_accounts(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, account_ids: list[uuid.UUID] | None
) -> tuple[MemberView, list[uuid.UUID] | None]:
    """Limit a member to some Mercado Livre accounts (``None``: all of them, including future ones).

    Takes effect at the member's next sign-in or session refresh: the access token carries the list.
    Returns the member and the limit they had before.
    """
    principal.require(Permission.MANAGE_USERS)
    membership, user = await _member(session, principal, user_id)
    if account_ids is not None:
        if Role(membership.role) is Role.OWNER:
            raise AccountError("an owner always sees every account", field="userId", code="OWNER_UNRESTRICTED")
        wanted = sorted(set(account_ids))
        # Row-level security hides other tenants' accounts; a limited caller cannot grant the rest either.
        seen = account_condition(col(MeliAccount.id), principal, None)
        known = (await session.exec(select(MeliAccount.id).where(col(MeliAccount.id).in_(wanted), seen))).all()
        if len(known) != len(wanted):
            raise AccountError("unknown Mercado Livre account", field="meliAccountIds", code="NOT_FOUND")
        account_ids = wanted
    elif principal.meli_account_ids is not None:
        raise AuthError("a member limited to some accounts cannot give access to all of them", "FORBIDDEN")
    previous = membership.meli_account_ids
    membership.meli_account_ids = account_ids
    session.add(membership)
    return MemberView(user=user, membership=membership), previous


async def is_known_time_zone(session: AsyncSession, name: str) -> bool:
    """Whether ``name`` is an IANA time zone name PostgreSQL knows (``America/Sao_Paulo``, ``UTC``…).

    Only names: POSIX strings such as ``UTC+3``, which ``AT TIME ZONE`` would also take, are refused.
    """
    return bool((await session.exec(KNOWN_TIME_ZONE, params={"name": name})).scalar())  # type: ignore[call-overload]


async def update_tenant_settings(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str | None = None,
    time_zone: str | None = None,
    question_sla_minutes: int | None = None,
    business_hours: Mapping[str, Any] | Keep | None = Keep.KEEP,
    mfa_required: bool | None = None,
) -> TenantSettingsChange:
    """Change the caller's tenant's settings; ``None`` (``Keep.KEEP`` for the hours) leaves one as it is.

    Every given value is checked before anything changes: a blank name is ``INVALID`` on ``name``, a
    zone PostgreSQL does not know ``INVALID_TIME_ZONE`` on ``timeZone``, minutes outside 1..10080
    ``INVALID_SLA`` on ``questionSlaMinutes``, hours without unique weekdays or whose start is not before
    their end ``INVALID_BUSINESS_HOURS`` on ``businessHours``. Hours ``None`` clear them (round the clock).
    ``mfa_required`` applies at each member's next sign-in (one without a second factor enrols first).
    The questions' due times follow the change through ``questions.sla_updates.recompute_open``.
    """
    principal.require(Permission.MANAGE_TENANT)
    wanted = await _wanted_settings(session, name=name, time_zone=time_zone)
    if question_sla_minutes is not None:
        if not MIN_SLA_MINUTES <= question_sla_minutes <= MAX_SLA_MINUTES:
            raise AccountError(
                f"the question SLA is {MIN_SLA_MINUTES} to {MAX_SLA_MINUTES} minutes (a week)",
                field="questionSlaMinutes",
                code="INVALID_SLA",
            )
        wanted["question_sla_minutes"] = question_sla_minutes
    if not isinstance(business_hours, Keep):
        wanted["business_hours"] = _business_hours(business_hours)
    if mfa_required is not None:
        wanted["mfa_required"] = mfa_required
    tenant = await session.get(Tenant, principal.tenant_id, with_for_update=True)
    if tenant is None:
        raise AccountError("the tenant no longer exists", code="NOT_FOUND")
    changed: dict[str, tuple[Any, Any]] = {}
    for setting, value in wanted.items():
        current = getattr(tenant, setting)
        if current != value:
            changed[setting] = (current, value)
            setattr(tenant, setting, value)
    session.add(tenant)
    return TenantSettingsChange(tenant=tenant, changed=changed)


async def _wanted_settings(session: AsyncSession, *, name: str | None, time_zone: str | None) -> dict[str, Any]:
    wanted: dict[str, Any] = {}
    if name is not None:
        if not name.strip():
            raise AccountError("tenant name is required", field="name", code="INVALID")
        wanted["name"] = name.strip()
    if time_zone is not None:
        zone = time_zone.strip()
        if not zone or not await is_known_time_zone(session, zone):
            raise AccountError(
                f"unknown time zone {time_zone!r}: use an IANA name such as America/Sao_Paulo",
                field="timeZone",
                code="INVALID_TIME_ZONE",
            )
        wanted["time_zone"] = zone
    return wanted


def _business_hours(given: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if given is None:
        return None
    try:
        hours = BusinessHours.build(list(given["days"]), str(given["start"]), str(given["end"]))
    except InvalidBusinessHours as exc:
        raise AccountError(str(exc), field="businessHours", code="INVALID_BUSINESS_HOURS") from None
    return hours.stored()
