"""Applying a Mercado Livre resource exactly once per version, and never going back in time.

Every applier follows the same steps inside the caller's tenant transaction:

1. derive the resource's version from its ML last-updated time (:func:`version_of`);
2. claim ``ML|<tenant>|<TYPE>|<external id>|v<N>`` in ``idempotency_keys`` (:func:`claim_version`) —
   a replay finds the key taken and changes nothing;
3. upsert the row by ``(tenant_id, ml_id)`` only if the stored version is not newer
   (:func:`upsert_resource`) — an out-of-order older version leaves the row alone.

Both steps live in one transaction with marking the events processed, so a crash leaves all or none.
This module sits below every domain (it knows accounts only by their ids) so each domain's applier can
use it without importing the event life cycle that calls them.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import Table, Text, alias, or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Field, SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import TenantOwned, timestamp, utcnow
from melihub.meli.values import ml_time

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Columns every MeliResource upsert fills itself; never taken from the applier's values.
_RESOURCE_COLUMNS = ("id", "tenant_id", "meli_account_id", "ml_id", "raw", "ml_last_updated", "synced_at")


class IdempotencyKey(TenantOwned, table=True):
    """``ML|tenant|TYPE|external_id|vN``: one row per applied resource version."""

    __tablename__ = "idempotency_keys"

    key: str = Field(sa_type=Text, nullable=False, unique=True)
    event_id: uuid.UUID | None = Field(default=None)
    created_at: datetime = timestamp(default_now=True)


class SellerAccount(Protocol):
    """The linked seller account a resource belongs to (a ``MeliAccount`` row)."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def tenant_id(self) -> uuid.UUID: ...


@dataclass(frozen=True)
class ApplyResult:
    """What applying one fetched resource did."""

    entity_type: str  # listing | order | shipment | question | message | claim
    entity_id: uuid.UUID | None  # our row id (None when the resource has no row yet)
    version: str  # the ML version token, "v<microseconds since epoch of last_updated>"
    changed: bool  # False for a replay or an older version
    external_id: str = ""


@dataclass(frozen=True)
class Version:
    """A resource's version: the token used in idempotency keys and the time rows are ordered by."""

    token: str
    at: datetime | None


# ---- versions and keys ---------------------------------------------------------------------------


def micros(at: datetime) -> int:
    return (at - EPOCH) // timedelta(microseconds=1)


def version_of(raw: dict[str, Any], *fields: str) -> Version:
    """The version of a payload whose ML last-updated time is in one of ``fields`` (first present wins)."""
    for name in fields or ("last_updated", "date_last_updated"):
        at = ml_time(raw.get(name))
        if at is not None:
            return Version(f"v{micros(at)}", at)
    return content_version(raw, None)


def content_version(raw: dict[str, Any], at: datetime | None) -> Version:
    """For resources ML gives no last-updated time (questions, messages): the latest time they carry
    plus a digest of the payload, so a change that moves no timestamp (a ban, a read mark) still counts."""
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return Version(f"v{micros(at) if at else 0}-{digest}", at)


def latest(*values: Any) -> datetime | None:
    times = [t for t in (ml_time(v) for v in values) if t is not None]
    return max(times) if times else None


def idempotency_key(tenant_id: uuid.UUID | str, type: str, external_id: str | int, version: str | int) -> str:
    """``ML|<tenant>|<TYPE>|<external_id>|v<N>``."""
    token = str(version)
    if not token.startswith("v"):
        token = f"v{token}"
    return f"ML|{tenant_id}|{type.upper()}|{external_id}|{token}"


async def claim_version(
    session: AsyncSession,
    tenant: SellerAccount | uuid.UUID,
    type: str,
    external_id: str | int,
    version: str | int,
    *,
    event_id: uuid.UUID | None = None,
) -> bool:
    """Record that this version is being applied; False when it already was (a replay: change nothing)."""
    tenant_id = tenant if isinstance(tenant, uuid.UUID) else tenant.tenant_id
    table = table_of(IdempotencyKey)
    statement = (
        insert(table)
        .values(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            key=idempotency_key(tenant_id, type, external_id, version),
            event_id=event_id,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=[table.c.key])
        .returning(table.c.id)
    )
    return (await session.exec(statement)).first() is not None


# ---- upserts ------------------------------------------------------------------------------------


def table_of(model: type[SQLModel]) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


async def existing_id(session: AsyncSession, model: type[SQLModel], ml_id: Any) -> uuid.UUID | None:
    table = table_of(model)
    found = (await session.exec(select(table.c.id).where(table.c.ml_id == ml_id))).first()
    return uuid.UUID(str(found)) if found is not None else None


_EXCLUDED: dict[Table, Any] = {}


def excluded_of(table: Table) -> Any:
    """``EXCLUDED`` of an ``INSERT … ON CONFLICT`` on ``table``, built once.

    ``insert(table).excluded`` builds a fresh alias, and a proxy for every column, on each statement:
    with an upsert per applied resource that was a fifth of a sync's CPU. It renders the same.
    """
    found = _EXCLUDED.get(table)
    if found is None:
        found = _EXCLUDED[table] = alias(table, name="excluded").columns
    return found


async def upsert_resource(
    session: AsyncSession,
    model: type[SQLModel],
    account: SellerAccount,
    *,
    ml_id: Any,
    raw: dict[str, Any],
    version: Version,
    values: dict[str, Any],
) -> uuid.UUID | None:
    """Insert or update a MeliResource row by ``(tenant_id, ml_id)``.

    The update happens only when the stored row is not newer (``ml_last_updated``); returns the row
    id when written, None when a newer version was already there.
    """
    table = table_of(model)
    columns = {k: v for k, v in values.items() if k not in _RESOURCE_COLUMNS}
    statement = insert(table).values(
        id=uuid.uuid4(),
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=ml_id,
        raw=raw,
        ml_last_updated=version.at,
        synced_at=utcnow(),
        **columns,
    )
    excluded = excluded_of(table)
    updates = {name: excluded[name] for name in (*columns, "meli_account_id", "raw", "ml_last_updated")}
    updates["synced_at"] = excluded.synced_at
    stored = table.c.ml_last_updated
    upsert = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.ml_id],
        set_=updates,
        where=or_(stored.is_(None), excluded.ml_last_updated >= stored),
    ).returning(table.c.id)
    row = (await session.exec(upsert)).first()
    return row[0] if row else None


async def apply_resource(
    session: AsyncSession,
    account: SellerAccount,
    model: type[SQLModel],
    *,
    entity_type: str,
    key_type: str,
    ml_id: Any,
    raw: dict[str, Any],
    version: Version,
    values: dict[str, Any],
    event_id: uuid.UUID | None,
) -> ApplyResult:
    """Claim the version, then upsert the row unless a newer one is stored; ``changed`` says it was written."""
    ext = str(ml_id)
    if not await claim_version(session, account, key_type, ext, version.token, event_id=event_id):
        return ApplyResult(entity_type, await existing_id(session, model, ml_id), version.token, False, ext)
    row_id = await upsert_resource(session, model, account, ml_id=ml_id, raw=raw, version=version, values=values)
    if row_id is None:
        return ApplyResult(entity_type, await existing_id(session, model, ml_id), version.token, False, ext)
    return ApplyResult(entity_type, row_id, version.token, True, ext)
