"""Buyer questions and the seller's answers, applied idempotently.

ML gives questions no last-updated time: their version is the latest time they carry (asked,
answered) plus a digest of the payload, so a ban or deletion that moves no timestamp still applies.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Tenant
from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult, Version, apply_resource, content_version, latest, version_of
from melihub.meli.values import as_dict, as_int, dig, ml_int_id, ml_time
from melihub.questions import sla
from melihub.questions.models import Question

ENTITY = "question"
KEY_TYPE = "QUESTION"


def question_values(raw: dict[str, Any]) -> dict[str, Any]:
    """The question row's columns from ``GET /questions/{id}?api_version=4``."""
    answer = as_dict(raw.get("answer"))
    return {
        "item_ml_id": str(raw.get("item_id") or ""),
        "status": str(raw.get("status") or "UNKNOWN"),
        "text": str(raw.get("text") or ""),
        "from_ml_user_id": as_int(dig(raw, "from", "id")),
        "date_created": ml_time(raw.get("date_created")),
        "answer_text": answer.get("text") if answer else None,
        "answer_status": answer.get("status") if answer else None,
        "answered_at": ml_time(answer.get("date_created")),
    }


def question_version(raw: dict[str, Any]) -> Version:
    if raw.get("last_updated"):
        return version_of(raw, "last_updated")
    return content_version(raw, latest(raw.get("date_created"), dig(raw, "answer", "date_created")))


async def apply_question(
    session: AsyncSession, account: MeliAccount, raw: dict[str, Any], *, event_id: uuid.UUID | None = None
) -> ApplyResult:
    """Upsert the question and its answer; an older state never replaces a newer one.

    Its SLA due time comes from its creation and the tenant's settings (read once per session).
    """
    values = question_values(raw)
    tenant = await session.get(Tenant, account.tenant_id)
    values["sla_due_at"] = sla.tenant_due_at(values["date_created"], tenant) if tenant is not None else None
    return await apply_resource(
        session,
        account,
        Question,
        entity_type=ENTITY,
        key_type=KEY_TYPE,
        ml_id=ml_int_id(raw, "question"),
        raw=raw,
        version=question_version(raw),
        values=values,
        event_id=event_id,
    )
