"""Questions asked some minutes ago, through the real applier (which sets their SLA due time)."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from melihub.connections.models import MeliAccount
from melihub.questions.service import apply_question
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture

UNANSWERED = "questions/13012345601.json"


def question_raw(ml_id: int, created: datetime, *, answered_after: timedelta | None = None) -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture(UNANSWERED))
    raw["id"] = ml_id
    raw["date_created"] = created.isoformat()
    if answered_after is not None:
        raw["status"] = "ANSWERED"
        raw["answer"] = {
            "text": "Temos sim!",
            "status": "ACTIVE",
            "date_created": (created + answered_after).isoformat(),
        }
    return raw


async def ask(
    services: Services,
    account: MeliAccount,
    ml_id: int,
    minutes_ago: float,
    *,
    now: datetime | None = None,
    answered_after: timedelta | None = None,
) -> uuid.UUID:
    """A question created ``minutes_ago`` before ``now`` (default: the present); its row id."""
    created = (now or datetime.now(UTC)) - timedelta(minutes=minutes_ago)
    async with services.db.tenant(account.tenant_id) as session:
        result = await apply_question(
            session, account, question_raw(ml_id, created, answered_after=answered_after), event_id=uuid.uuid4()
        )
    assert result.changed and result.entity_id is not None
    return result.entity_id


async def sql(services: Services, tenant_id: uuid.UUID, statement: str, **params: Any) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        result = await session.exec(text(statement), params=params)  # type: ignore[call-overload]
        return [tuple(row) for row in result.all()] if result.returns_rows else []


async def age(services: Services, tenant_id: uuid.UUID, question_id: uuid.UUID, minutes: float) -> None:
    """Time passes for one question: its creation and due time move ``minutes`` into the past."""
    await sql(
        services,
        tenant_id,
        "UPDATE questions SET date_created = date_created - make_interval(secs => :s),"
        " sla_due_at = sla_due_at - make_interval(secs => :s) WHERE id = :id",
        s=minutes * 60,
        id=question_id,
    )
