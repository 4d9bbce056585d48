"""Linked marketplace seller accounts (Mercado Livre today) and their encrypted OAuth tokens."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import TenantOwned, jsonb, timestamp


class AccountStatus(StrEnum):
    ACTIVE = "active"
    REAUTH_REQUIRED = "reauth_required"
    DISABLED = "disabled"


class MeliAccount(TenantOwned, table=True):
    __tablename__ = "meli_accounts"
    __table_args__ = (
        CheckConstraint("status IN ('active','reauth_required','disabled')", name="meli_accounts_status_check"),
    )

    # Unique across tenants: one seller account belongs to one company.
    ml_user_id: int = Field(sa_type=BigInteger, nullable=False, unique=True)
    site_id: str = Field(sa_type=Text, nullable=False)
    nickname: str = Field(default="", sa_type=Text, nullable=False)
    status: str = Field(default=AccountStatus.ACTIVE.value, sa_type=Text, nullable=False)
    # "v1.<key id>.<nonce>.<ciphertext>" (AES-256-GCM, account id as associated data).
    access_token_enc: str | None = Field(default=None, sa_type=Text)
    refresh_token_enc: str | None = Field(default=None, sa_type=Text)
    token_expires_at: datetime | None = timestamp()
    scope: str | None = Field(default=None, sa_type=Text)
    profile: dict[str, Any] = jsonb()
    last_error: str | None = Field(default=None, sa_type=Text)
    last_error_at: datetime | None = timestamp()
    linked_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    # The application its tokens were issued to, when the company's own (None: melihub's).
    oauth_client_id: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)


class MeliApplication(TenantOwned, table=True):
    """A company's own Mercado Livre application: its accounts link and refresh through it."""

    __tablename__ = "meli_applications"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    client_id: str = Field(sa_type=Text, nullable=False)
    # "v1.<key id>.<nonce>.<ciphertext>" (AES-256-GCM, "meli_application:<tenant>" as associated data).
    client_secret_enc: str = Field(sa_type=Text, nullable=False)
    site_id: str = Field(default="MLB", sa_type=Text, nullable=False)
    store_name: str = Field(default="", sa_type=Text, nullable=False)
    last_test_at: datetime | None = timestamp()
    last_test_ok: bool | None = Field(default=None)
    last_test_error: str | None = Field(default=None, sa_type=Text)
    updated_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
