"""Applying questions and answers: once per state, never back to an older state."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text

from melihub.db.idempotent import ApplyResult
from melihub.questions.service import apply_question
from melihub.testing.fixtures import load_fixture

UNANSWERED = "questions/13012345601.json"
ANSWERED = "questions/13012345602.json"


async def apply(services, account, raw: dict[str, Any]) -> ApplyResult:
    async with services.db.tenant(account.tenant_id) as session:
        return await apply_question(session, account, raw, event_id=uuid.uuid4())


async def rows(services, tenant_id, sql: str) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        return [tuple(r) for r in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


COLUMNS = (
    "SELECT ml_id, item_ml_id, status, text, from_ml_user_id, date_created, answer_text, answer_status, answered_at"
)


async def test_unanswered_and_answered_questions(services, meli_account_a) -> None:
    first = await apply(services, meli_account_a, load_fixture(UNANSWERED))
    answered = load_fixture(ANSWERED)
    second = await apply(services, meli_account_a, answered)
    assert first.changed and second.changed and first.entity_type == "question"
    found = await rows(services, meli_account_a.tenant_id, f"{COLUMNS} FROM questions ORDER BY ml_id")
    assert found == [
        (
            13012345601,
            "MLB3012345601",
            "UNANSWERED",
            "Boa tarde! Vai ter tamanho GG na cor preta?",
            1387654012,
            datetime.fromisoformat("2025-03-13T15:02:11.412-04:00"),
            None,
            None,
            None,
        ),
        (
            13012345602,
            "MLB3012345602",
            "ANSWERED",
            answered["text"],
            1498765432,
            datetime.fromisoformat(answered["date_created"]),
            answered["answer"]["text"],
            "ACTIVE",
            datetime.fromisoformat(answered["answer"]["date_created"]),
        ),
    ]


def answer(raw: dict[str, Any]) -> dict[str, Any]:
    answered = copy.deepcopy(raw)
    answered["status"] = "ANSWERED"
    answered["answer"] = {
        "text": "Sim, chega semana que vem! 👕",
        "status": "ACTIVE",
        "date_created": "2025-03-13T16:00:00.000-04:00",
    }
    return answered


async def test_answer_applies_replay_and_older_state_do_not(services, meli_account_a) -> None:
    raw = load_fixture(UNANSWERED)
    first = await apply(services, meli_account_a, raw)
    assert not (await apply(services, meli_account_a, copy.deepcopy(raw))).changed
    answered = await apply(services, meli_account_a, answer(raw))
    assert answered.changed and answered.entity_id == first.entity_id and answered.version != first.version
    stale = await apply(services, meli_account_a, raw)
    assert not stale.changed
    assert await rows(services, meli_account_a.tenant_id, "SELECT status, answer_text FROM questions") == [
        ("ANSWERED", "Sim, chega semana que vem! 👕")
    ]


async def test_a_change_without_a_new_timestamp_still_applies(services, meli_account_a) -> None:
    raw = load_fixture(UNANSWERED)
    await apply(services, meli_account_a, raw)
    banned = {**copy.deepcopy(raw), "status": "BANNED", "text": ""}
    assert (await apply(services, meli_account_a, banned)).changed
    assert not (await apply(services, meli_account_a, copy.deepcopy(banned))).changed
    assert await rows(services, meli_account_a.tenant_id, "SELECT status, text FROM questions") == [("BANNED", "")]


async def test_tenant_b_cannot_see_tenant_a_questions(services, meli_account_a, meli_account_b) -> None:
    await apply(services, meli_account_a, load_fixture(UNANSWERED))
    await apply(services, meli_account_b, load_fixture("questions/13012345606.json"))
    assert await rows(services, meli_account_b.tenant_id, "SELECT ml_id, item_ml_id FROM questions") == [
        (13012345606, "MLA1523456789")
    ]
    assert await rows(services, meli_account_a.tenant_id, "SELECT ml_id FROM questions") == [(13012345601,)]
