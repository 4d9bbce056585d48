"""Migration 0011 counts the conversations of messages stored before it, by the applier's own rule."""

from __future__ import annotations

import asyncio
import copy
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.db import migrate as migrations
from melihub.db.engine import async_url
from melihub.messages.service import apply_message
from melihub.testing.databases import DatabaseFactory
from melihub.testing.fixtures import load_fixture

COUNTED = text(
    "SELECT meli_account_id, thread_ml_id, seller_ml_user_id, buyer_ml_user_id, last_message_at, unread_count, "
    "inbox_rank, seller_max_message_length, status FROM conversations ORDER BY thread_ml_id"
)


def _unread_buyer_message(thread: int, at: str) -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture("messages/pack_2000004567890123.json")["messages"][0])
    raw["id"] = uuid.uuid4().hex
    raw["message_date"] = {"created": at, "read": None}
    raw["message_resources"] = [{"id": str(thread), "name": "packs"}]
    return raw


async def test_migration_0011_backfills_conversations_as_the_applier_keeps_them(
    database_factory: DatabaseFactory, db_name: str, services: Any, meli_account_a: Any
) -> None:
    messages = [
        *load_fixture("messages/pack_2000004567890123.json")["messages"],
        _unread_buyer_message(2000009876543201, "2025-03-13T10:00:00.000Z"),
        _unread_buyer_message(2000009876543201, "2025-03-13T11:00:00.000Z"),
    ]
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for raw in messages:
            await apply_message(session, meli_account_a, raw)
    url = database_factory.admin_url_of(db_name)
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            kept = [tuple(row) for row in (await conn.execute(COUNTED)).all()]
        await asyncio.to_thread(migrations.downgrade, url, "0010")
        await asyncio.to_thread(migrations.upgrade, url, "head")
        async with engine.connect() as conn:
            backfilled = [tuple(row) for row in (await conn.execute(COUNTED)).all()]
    finally:
        await engine.dispose()
    assert [(row[1], row[5]) for row in kept] == [(2000004567890123, 0), (2000009876543201, 2)]
    assert kept[1][6] > kept[0][6]  # unread first
    assert backfilled == kept
