"""Applying a batch of resources of one kind in three statements, not two a resource.

The same rules as :func:`melihub.db.idempotent.apply_resource` — claim ``ML|tenant|TYPE|id|vN`` first, write
only rows whose stored version is not newer — for a sync's pages, where per-resource statements were most
of a worker's CPU. A batch naming one resource twice keeps its newest version.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.db.base import utcnow
from melihub.db.idempotent import (
    _RESOURCE_COLUMNS,
    ApplyResult,
    IdempotencyKey,
    SellerAccount,
    Version,
    excluded_of,
    idempotency_key,
    table_of,
)


@dataclass(frozen=True)
class Incoming:
    ml_id: Any
    raw: dict[str, Any]
    version: Version
    values: dict[str, Any]


def _newest(incoming: Sequence[Incoming]) -> dict[str, Incoming]:
    newest: dict[str, Incoming] = {}
    for item in incoming:
        held = newest.get(str(item.ml_id))
        if held is None or (item.version.at or utcnow()) >= (held.version.at or utcnow()):
            newest[str(item.ml_id)] = item
    return newest


async def _claim(session: AsyncSession, account: SellerAccount, key_type: str, items: dict[str, Incoming]) -> set[str]:
    """The external ids whose version this batch is the first to apply."""
    table = table_of(IdempotencyKey)
    keys = {idempotency_key(account.tenant_id, key_type, ext, item.version.token): ext for ext, item in items.items()}
    now = utcnow()
    rows = [
        {"id": uuid.uuid4(), "tenant_id": account.tenant_id, "key": k, "event_id": None, "created_at": now}
        for k in keys
    ]
    statement = insert(table).values(rows).on_conflict_do_nothing(index_elements=[table.c.key]).returning(table.c.key)
    return {keys[key] for (key,) in (await session.exec(statement)).all()}


async def _upsert(
    session: AsyncSession, account: SellerAccount, model: type[SQLModel], items: list[Incoming]
) -> dict[str, uuid.UUID]:
    table = table_of(model)
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "tenant_id": account.tenant_id,
            "meli_account_id": account.id,
            "ml_id": item.ml_id,
            "raw": item.raw,
            "ml_last_updated": item.version.at,
            "synced_at": now,
            **{k: v for k, v in item.values.items() if k not in _RESOURCE_COLUMNS},
        }
        for item in items
    ]
    excluded = excluded_of(table)
    updated = [name for name in rows[0] if name not in ("id", "tenant_id", "ml_id")]
    stored = table.c.ml_last_updated
    statement = (
        insert(table)
        .values(rows)
        .on_conflict_do_update(
            index_elements=[table.c.tenant_id, table.c.ml_id],
            set_={name: excluded[name] for name in updated},
            where=or_(stored.is_(None), excluded.ml_last_updated >= stored),
        )
        .returning(table.c.id, table.c.ml_id)
    )
    return {str(ml_id): row_id for row_id, ml_id in (await session.exec(statement)).all()}


async def apply_resources(
    session: AsyncSession,
    account: SellerAccount,
    model: type[SQLModel],
    *,
    entity_type: str,
    key_type: str,
    incoming: Sequence[Incoming],
) -> list[ApplyResult]:
    """One :class:`ApplyResult` per distinct resource, in the order first seen."""
    items = _newest(incoming)
    if not items:
        return []
    claimed = await _claim(session, account, key_type, items)
    written = await _upsert(session, account, model, [items[ext] for ext in items if ext in claimed]) if claimed else {}
    others = [item.ml_id for ext, item in items.items() if ext not in written]
    known: dict[str, uuid.UUID] = {}
    if others:
        table = table_of(model)
        found = await session.exec(select(table.c.id, table.c.ml_id).where(col(table.c.ml_id).in_(others)))
        known = {str(ml_id): row_id for row_id, ml_id in found.all()}
    return [
        ApplyResult(entity_type, written.get(ext) or known.get(ext), item.version.token, ext in written, ext)
        for ext, item in items.items()
    ]
