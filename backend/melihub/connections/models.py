"""Linked marketplace seller accounts (Mercado Livre today) and their encrypted OAuth tokens."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Text
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
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
