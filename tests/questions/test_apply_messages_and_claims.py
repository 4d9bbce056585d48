"""Applying post-sale messages and claims (the buyer-communication side of questions)."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text

from melihub.claims.service import apply_claim
from melihub.messages.service import apply_message
from melihub.testing.fixtures import load_fixture


async def rows(services, tenant_id, sql: str) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        return [tuple(r) for r in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


def thread() -> list[dict[str, Any]]:
    return load_fixture("messages/pack_2000004567890123.json")["messages"]


def claim() -> dict[str, Any]:
    return load_fixture("claims/claims_search.json")["data"][0]


async def test_messages_of_a_pack_thread(services, meli_account_a) -> None:
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        results = [await apply_message(session, meli_account_a, m, event_id=uuid.uuid4()) for m in thread()]
        replay = await apply_message(session, meli_account_a, copy.deepcopy(thread()[0]), event_id=uuid.uuid4())
    assert all(r.changed and r.entity_type == "message" for r in results) and not replay.changed
    found = await rows(
        services,
        meli_account_a.tenant_id,
        "SELECT ml_id, pack_ml_id, from_ml_user_id, to_ml_user_id, status, date_created, read_at "
        "FROM messages ORDER BY date_created",
    )
    assert found == [
        (
            "0a1b2c3d4e5f40718293a4b5c6d7e8f9",
            2000004567890123,
            1501234987,
            2401234567,
            "available",
            datetime.fromisoformat("2025-03-12T14:00:02.000+00:00"),
            datetime.fromisoformat("2025-03-12T14:20:00.000+00:00"),
        ),
        (
            "1b2c3d4e5f6a40718293a4b5c6d7e8fa",
            2000004567890123,
            2401234567,
            1501234987,
            "available",
            datetime.fromisoformat("2025-03-12T14:21:00.000+00:00"),
            None,
        ),
    ]


async def test_a_read_mark_applies_and_the_unread_state_never_returns(services, meli_account_a) -> None:
    unread = thread()[1]
    read = copy.deepcopy(unread)
    read["message_date"]["read"] = "2025-03-12T15:00:00.000Z"
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert (await apply_message(session, meli_account_a, unread, event_id=uuid.uuid4())).changed
        assert (await apply_message(session, meli_account_a, read, event_id=uuid.uuid4())).changed
        assert not (await apply_message(session, meli_account_a, unread, event_id=uuid.uuid4())).changed
    assert await rows(services, meli_account_a.tenant_id, "SELECT read_at FROM messages") == [
        (datetime.fromisoformat("2025-03-12T15:00:00.000+00:00"),)
    ]


async def test_claim_is_stored_once_and_never_goes_back(services, meli_account_a, meli_account_b) -> None:
    raw = claim()
    closed = {**copy.deepcopy(raw), "status": "closed", "last_updated": "2025-03-20T10:00:00.000-04:00"}
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        first = await apply_claim(session, meli_account_a, raw, event_id=uuid.uuid4())
        replay = await apply_claim(session, meli_account_a, copy.deepcopy(raw), event_id=uuid.uuid4())
        assert first.changed and first.entity_type == "claim" and not replay.changed
        assert (await apply_claim(session, meli_account_a, closed, event_id=uuid.uuid4())).changed
        assert not (await apply_claim(session, meli_account_a, raw, event_id=uuid.uuid4())).changed
    assert await rows(
        services,
        meli_account_a.tenant_id,
        "SELECT ml_id, resource, resource_id, status, stage, type, reason_id FROM claims",
    ) == [(5212345678, "order", 2000009876543204, "closed", "claim", "mediations", "PDD9939")]
    assert await rows(services, meli_account_b.tenant_id, "SELECT count(*) FROM claims") == [(0,)]
