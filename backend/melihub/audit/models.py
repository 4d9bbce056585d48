"""Who did what, for every change made through melihub."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field

from melihub.db.base import TenantOwned, jsonb, timestamp


class AuditEntry(TenantOwned, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_tenant_created", "tenant_id", "created_at"),)

    actor_user_id: uuid.UUID | None = Field(default=None)
    actor_token_id: uuid.UUID | None = Field(default=None)
    action: str = Field(sa_type=Text, nullable=False)
    target_type: str | None = Field(default=None, sa_type=Text)
    target_id: str | None = Field(default=None, sa_type=Text)
    data: dict[str, Any] = jsonb()
    request_id: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = timestamp(default_now=True)
