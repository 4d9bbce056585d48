"""Tenants (companies), users, memberships with roles, API tokens and login sessions."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Column, Index, Integer, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlmodel import Field, SQLModel

from melihub.db.base import TenantOwned, jsonb, timestamp


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    OPERATOR = "operator"
    SUPPORT = "support"
    ANALYST = "analyst"
    INTEGRATOR = "integrator"


ROLE_CHECK = "role IN ('owner','admin','operator','support','analyst','integrator')"
DEFAULT_TIME_ZONE = "America/Sao_Paulo"
DEFAULT_QUESTION_SLA_MINUTES = 60


class Tenant(SQLModel, table=True):
    __tablename__ = "tenants"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(sa_type=Text, nullable=False)
    slug: str = Field(sa_type=Text, nullable=False, unique=True)
    # An IANA name PostgreSQL knows (pg_timezone_names): the company's day starts at its midnight.
    time_zone: str = Field(
        default=DEFAULT_TIME_ZONE,
        sa_type=Text,
        nullable=False,
        sa_column_kwargs={"server_default": DEFAULT_TIME_ZONE},
    )
    # Minutes a buyer's question may wait for an answer (counted in business_hours when they are set).
    question_sla_minutes: int = Field(
        default=DEFAULT_QUESTION_SLA_MINUTES,
        sa_type=Integer,
        nullable=False,
        sa_column_kwargs={"server_default": str(DEFAULT_QUESTION_SLA_MINUTES)},
    )
    business_hours: dict[str, Any] | None = jsonb(nullable=True)
    # Every member must sign in with a second factor (TOTP); one without it enrols at their next sign-in.
    mfa_required: bool = Field(
        default=False, sa_type=Boolean, nullable=False, sa_column_kwargs={"server_default": "false"}
    )
    created_at: datetime = timestamp(default_now=True)


class User(SQLModel, table=True):
    """A person; global, because one person may work for several tenants."""

    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(sa_type=Text, nullable=False, unique=True)
    name: str = Field(default="", sa_type=Text, nullable=False)
    password_hash: str | None = Field(default=None, sa_type=Text)
    locale: str = Field(default="pt-BR", sa_type=Text, nullable=False)
    created_at: datetime = timestamp(default_now=True)
    disabled_at: datetime | None = timestamp()
    # The TOTP secret, sealed with the key ring; set and not yet enabled while an enrolment awaits its code.
    mfa_secret_enc: str | None = Field(default=None, sa_type=Text)
    mfa_enabled_at: datetime | None = timestamp()
    # The last accepted TOTP time step: a code of that step or an earlier one is a replay.
    mfa_last_step: int | None = Field(default=None, sa_type=BigInteger)


class MfaRecoveryCode(SQLModel, table=True):
    """A single-use recovery code of a user's second factor, kept as a hash (the code is shown once)."""

    __tablename__ = "mfa_recovery_codes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True, ondelete="CASCADE")
    code_hash: str = Field(sa_type=Text, nullable=False, unique=True)
    created_at: datetime = timestamp(default_now=True)
    used_at: datetime | None = timestamp()


class Membership(TenantOwned, table=True):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("tenant_id", "user_id"),
        CheckConstraint(ROLE_CHECK, name="memberships_role_check"),
    )

    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True, ondelete="CASCADE")
    role: str = Field(sa_type=Text, nullable=False)
    # None: every Mercado Livre account of the tenant; else only these.
    meli_account_ids: list[uuid.UUID] | None = Field(
        default=None, sa_column=Column(ARRAY(UUID(as_uuid=True)), nullable=True)
    )
    created_at: datetime = timestamp(default_now=True)


class ApiToken(TenantOwned, table=True):
    __tablename__ = "api_tokens"
    __table_args__ = (
        CheckConstraint(ROLE_CHECK, name="api_tokens_role_check"),
        Index("ix_api_tokens_tenant_created", "tenant_id", "created_at"),
    )

    name: str = Field(sa_type=Text, nullable=False)
    prefix: str = Field(sa_type=Text, nullable=False)
    token_hash: str = Field(sa_type=Text, nullable=False, unique=True)
    role: str = Field(sa_type=Text, nullable=False)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    expires_at: datetime | None = timestamp()
    last_used_at: datetime | None = timestamp()
    revoked_at: datetime | None = timestamp()


class AuthSession(TenantOwned, table=True):
    """One refresh token of a login; rotation adds a row to the same family."""

    __tablename__ = "auth_sessions"

    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True, ondelete="CASCADE")
    family_id: uuid.UUID = Field(nullable=False, index=True)
    token_hash: str = Field(sa_type=Text, nullable=False, unique=True)
    created_at: datetime = timestamp(default_now=True)
    expires_at: datetime = timestamp(nullable=False)
    used_at: datetime | None = timestamp()
    revoked_at: datetime | None = timestamp()
    user_agent: str | None = Field(default=None, sa_type=Text)
    ip: str | None = Field(default=None, sa_type=Text)
