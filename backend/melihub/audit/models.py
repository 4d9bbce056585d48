"""Who did what, for every change made through melihub: an append-only, hash-chained log per tenant."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from melihub.db.base import TenantOwned, jsonb, timestamp


class AuditEntry(TenantOwned, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (
        # One row per position in the tenant's chain: a second writer at the same seq fails, never forks.
        Index("ux_audit_log_tenant_seq", "tenant_id", "seq", unique=True),
    )

    actor_user_id: uuid.UUID | None = Field(default=None)
    actor_token_id: uuid.UUID | None = Field(default=None)
    action: str = Field(sa_type=Text, nullable=False)
    target_type: str | None = Field(default=None, sa_type=Text)
    target_id: str | None = Field(default=None, sa_type=Text)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True), nullable=True)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True), nullable=True)
    data: dict[str, Any] = jsonb()
    ip: str | None = Field(default=None, sa_type=Text)
    user_agent: str | None = Field(default=None, sa_type=Text)
    request_id: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = timestamp(default_now=True)
    seq: int = Field(default=0, sa_type=BigInteger, nullable=False)
    prev_hash: str | None = Field(default=None, sa_type=Text)
    hash: str = Field(default="", sa_type=Text, nullable=False)


# The auditLog list's order (newest first, NULLS LAST as db.paging sorts): an index it can walk, not sort.
_table = AuditEntry.__table__  # type: ignore[attr-defined]
Index("ix_audit_log_tenant_created", _table.c.tenant_id, _table.c.created_at.desc().nulls_last(), _table.c.id.desc())


class AuditChainHead(TenantOwned, table=True):
    """The last link of a tenant's chain: catches rows removed from (or added to) its end."""

    __tablename__ = "audit_chain_heads"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    seq: int = Field(sa_type=BigInteger, nullable=False)
    hash: str | None = Field(default=None, sa_type=Text)
