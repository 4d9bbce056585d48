"""GraphQL types of tenants, users, memberships and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from melihub.accounts import queries
from melihub.accounts.business_hours import BusinessHours
from melihub.accounts.models import ApiToken, Membership, Role, Tenant, User
from melihub.accounts.principal import AuthMethod
from melihub.accounts.queries import SessionView
from melihub.accounts.service import MemberView
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.relay import Node, global_id, register_node

TENANT_TYPE = "Tenant"
USER_TYPE = "User"
API_TOKEN_TYPE = "ApiToken"
SESSION_TYPE = "Session"  # not a Node: only its owner lists it (mySessions), by login (refresh family)

# Registered in place: annotations use the domain enums themselves.
strawberry.enum(Role, name="Role", description="What a member or API token may do in a tenant.")
strawberry.enum(AuthMethod, name="AuthMethod")


@strawberry.type(name="BusinessHours", description="When the team works, in the tenant's time zone.")
class BusinessHoursType:
    days: list[int] = strawberry.field(description="ISO weekdays, 1 = Monday … 7 = Sunday, ascending.")
    start: str = strawberry.field(description="Opening time, HH:MM.")
    end: str = strawberry.field(description="Closing time, HH:MM (same day, after start).")

    @classmethod
    def of(cls, stored: dict[str, Any] | None) -> BusinessHoursType | None:
        hours = BusinessHours.of(stored)
        if hours is None:
            return None
        shown = hours.stored()
        return cls(days=shown["days"], start=shown["start"], end=shown["end"])


@strawberry.input(name="BusinessHoursInput")
class BusinessHoursInput:
    days: list[int] = strawberry.field(description="ISO weekdays, 1 = Monday … 7 = Sunday; not empty, unique.")
    start: str = strawberry.field(description="HH:MM, e.g. 09:00.")
    end: str = strawberry.field(description="HH:MM, after start, e.g. 18:00.")


@strawberry.type(name="Tenant", description="A company using melihub.")
class TenantType(Node):
    name: str
    slug: str
    time_zone: str = strawberry.field(
        description="IANA time zone (e.g. America/Sao_Paulo) whose midnight starts the company's day."
    )
    question_sla_minutes: int = strawberry.field(
        description="Minutes a buyer's question may wait for an answer (counted in businessHours when set)."
    )
    business_hours: BusinessHoursType | None = strawberry.field(
        description="The hours the question SLA counts in; null: round the clock."
    )
    mfa_required: bool = strawberry.field(
        description="Every member signs in with a second factor; one without it enrols at the next sign-in."
    )
    created_at: datetime

    @classmethod
    def of(cls, tenant: Tenant) -> TenantType:
        return cls(
            id=global_id(TENANT_TYPE, tenant.id),
            name=tenant.name,
            slug=tenant.slug,
            time_zone=tenant.time_zone,
            question_sla_minutes=tenant.question_sla_minutes,
            business_hours=BusinessHoursType.of(tenant.business_hours),
            mfa_required=tenant.mfa_required,
            created_at=tenant.created_at,
        )


@strawberry.type(name="User", description="A person who works in one or more tenants.")
class UserType(Node):
    email: str
    name: str
    locale: str
    role: Role | None = strawberry.field(description="Role in the current tenant.")
    member_since: datetime | None
    meli_account_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The Mercado Livre accounts this member is limited to; null: all of them."
    )

    @classmethod
    def of(cls, user: User, membership: Membership | None = None) -> UserType:
        limited = membership.meli_account_ids if membership else None
        return cls(
            id=global_id(USER_TYPE, user.id),
            email=user.email,
            name=user.name,
            locale=user.locale,
            role=Role(membership.role) if membership else None,
            member_since=membership.created_at if membership else None,
            meli_account_ids=[global_id(ACCOUNT_TYPE, a) for a in limited] if limited is not None else None,
        )

    @classmethod
    def of_member(cls, member: MemberView) -> UserType:
        return cls.of(member.user, member.membership)


@strawberry.type(name="Membership", description="A tenant the signed-in user belongs to.")
class MembershipType:
    tenant: TenantType
    role: Role


@strawberry.type(name="Me", description="The caller of this request.")
class MeType:
    auth_method: AuthMethod
    role: Role
    tenant: TenantType
    user: UserType | None = strawberry.field(description="Null for API tokens.")
    memberships: list[MembershipType]
    mfa_enabled: bool = strawberry.field(default=False, description="The signed-in person has a second factor on.")
    recovery_codes_left: int = strawberry.field(default=0, description="Unused recovery codes of that factor.")


@strawberry.type(name="Session", description="One of the signed-in person's logins (a device or browser).")
class SessionType:
    id: strawberry.ID = strawberry.field(description="Pass it to revokeSession.")
    created_at: datetime = strawberry.field(description="When this login signed in.")
    last_used_at: datetime = strawberry.field(description="Its last session refresh (about every 15 minutes in use).")
    expires_at: datetime
    user_agent: str | None
    ip: str | None
    current: bool = strawberry.field(description="The login this request comes from.")

    @classmethod
    def of(cls, view: SessionView) -> SessionType:
        return cls(
            id=global_id(SESSION_TYPE, view.family_id),
            created_at=view.created_at,
            last_used_at=view.last_used_at,
            expires_at=view.expires_at,
            user_agent=view.user_agent,
            ip=view.ip,
            current=view.current,
        )


@strawberry.type(name="ApiToken", description="An integrator's credential; the secret is shown only once.")
class ApiTokenType(Node):
    name: str
    prefix: str
    role: Role
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> ApiTokenType:
        return cls(
            id=global_id(API_TOKEN_TYPE, token.id),
            name=token.name,
            prefix=token.prefix,
            role=Role(token.role),
            created_at=token.created_at,
            expires_at=token.expires_at,
            last_used_at=token.last_used_at,
            revoked_at=token.revoked_at,
        )


register_node(TENANT_TYPE, queries.tenants_by_ids, TenantType.of)
register_node(USER_TYPE, queries.members_by_ids, UserType.of_member)
register_node(API_TOKEN_TYPE, queries.api_tokens_by_ids, ApiTokenType.of)
