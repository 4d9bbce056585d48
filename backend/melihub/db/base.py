"""Column conventions shared by every table: times are timestamptz, money is numeric, ML ids bigint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, Numeric, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field, SQLModel

MONEY = Numeric(16, 2)


def utcnow() -> datetime:
    return datetime.now(UTC)


def timestamp(*, nullable: bool = True, index: bool = False, default_now: bool = False) -> Any:
    if default_now:
        return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False, index=index)
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=nullable, index=index)


def money(*, nullable: bool = True) -> Any:
    return Field(default=None if nullable else Decimal("0"), sa_type=MONEY, nullable=nullable)


def bigint(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=BigInteger, nullable=nullable, index=index)


def jsonb(*, nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_type=JSONB, nullable=True)
    return Field(default_factory=dict, sa_type=JSONB, nullable=False)


def text_array() -> Any:
    return Field(default_factory=list, sa_type=ARRAY(Text), nullable=False)


class TenantOwned(SQLModel):
    """Mixin: a row that belongs to one tenant; row-level security filters on ``tenant_id``."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # No index of its own: each table's unique/lookup indexes start with tenant_id where queries need it.
    tenant_id: uuid.UUID = Field(foreign_key="tenants.id", nullable=False, ondelete="CASCADE")


class MeliResource(TenantOwned):
    """Mixin: a copy of a Mercado Livre resource, with the raw payload and its ML version."""

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, index=True)
    raw: dict[str, Any] = jsonb()
    ml_last_updated: datetime | None = timestamp()
    synced_at: datetime = timestamp(default_now=True)


def changed_first_index(model: type[MeliResource]) -> Index:
    """The index a list's default order (most recently stored change first, id as tie-breaker) walks.

    Its columns sort exactly as ``db.paging`` orders (``DESC NULLS LAST``, then id): PostgreSQL reads a
    plain (tenant_id, synced_at, id) index for ``DESC NULLS LAST`` only by sorting the tenant's whole table.
    Walked backwards it serves the ``last``/``before`` pages too.
    """
    table = model.__table__  # type: ignore[attr-defined]
    return Index(
        f"ix_{table.name}_tenant_changed",
        table.c.tenant_id,
        table.c.synced_at.desc().nulls_last(),
        table.c.id.desc(),
    )
