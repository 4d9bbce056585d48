"""Applying a Mercado Livre resource exactly once per version, and never going back in time.

Every applier follows the same steps inside the caller's tenant transaction:

1. derive the resource's version from its ML last-updated time (:func:`version_of`);
2. claim ``ML|<tenant>|<TYPE>|<external id>|v<N>`` in ``idempotency_keys`` (:func:`claim_version`) —
   a replay finds the key taken and changes nothing;
3. upsert the row by ``(tenant_id, ml_id)`` only if the stored version is not newer
   (:func:`upsert_resource`) — an out-of-order older version leaves the row alone.

Both steps live in one transaction with marking the events processed, so a crash leaves all or none.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import Table, or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.events.models import IdempotencyKey

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Columns every MeliResource upsert fills itself; never taken from the applier's values.
_RESOURCE_COLUMNS = ("id", "tenant_id", "meli_account_id", "ml_id", "raw", "ml_last_updated", "synced_at")


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


# ---- parsing ML values ---------------------------------------------------------------------------


def ml_time(value: Any) -> datetime | None:
    """ML's ISO 8601 (``2026-10-02T14:20:11.000-04:00``, ``…Z``) → an aware datetime; naive means UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def money(value: Any) -> Decimal | None:
    """A JSON number → Decimal through ``str`` (``59.9`` stays ``59.9``, never ``59.899999…``)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def as_int(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def dig(raw: Any, *path: str) -> Any:
    """``dig(raw, "destination", "shipping_address", "city", "name")``; None when any step is missing."""
    current = raw
    for step in path:
        if not isinstance(current, dict):
            return None
        current = current.get(step)
    return current


def external_id(raw: dict[str, Any], kind: str) -> str:
    value = raw.get("id")
    if value is None or value == "":
        raise DomainError(f"the {kind} payload has no id", code="INVALID_PAYLOAD")
    return str(value)


def ml_int_id(raw: dict[str, Any], kind: str) -> int:
    value = as_int(external_id(raw, kind))
    if value is None:
        raise DomainError(f"the {kind} payload has a non-numeric id", code="INVALID_PAYLOAD")
    return value


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
    tenant: MeliAccount | uuid.UUID,
    type: str,
    external_id: str | int,
    version: str | int,
    *,
    event_id: uuid.UUID | None = None,
) -> bool:
    """Record that this version is being applied; False when it already was (a replay: change nothing)."""
    tenant_id = tenant.tenant_id if isinstance(tenant, MeliAccount) else tenant
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


async def upsert_resource(
    session: AsyncSession,
    model: type[SQLModel],
    account: MeliAccount,
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
    updates = {name: statement.excluded[name] for name in (*columns, "meli_account_id", "raw", "ml_last_updated")}
    updates["synced_at"] = statement.excluded.synced_at
    stored = table.c.ml_last_updated
    upsert = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.ml_id],
        set_=updates,
        where=or_(stored.is_(None), statement.excluded.ml_last_updated >= stored),
    ).returning(table.c.id)
    row = (await session.exec(upsert)).first()
    return row[0] if row else None


async def apply_resource(
    session: AsyncSession,
    account: MeliAccount,
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
