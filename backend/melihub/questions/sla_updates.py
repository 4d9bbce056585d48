"""SLA writes: due times follow a change of the tenant's settings; the minute job announces crossings.

``announce_crossings`` is the SLA job: for each tenant the routing function ``melihub_sla_due_tenants``
names, it moves ``sla_stage`` of the unanswered questions past their warning point (1) or due time (2)
with one ``UPDATE … WHERE sla_stage < stage RETURNING``, so two workers, or a replay, announce a stage
once; then it publishes ``question`` changes (``questionChanged``) for the rows it moved, after commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, or_, text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Tenant
from melihub.db.base import utcnow
from melihub.questions import sla
from melihub.questions.models import Question, SlaStage
from melihub.realtime.bus import Change, publish_many
from melihub.runtime import Services

CHANGE_TYPE = "question"
RECOMPUTE_BATCH = 500


async def recompute_open(session: AsyncSession, tenant: Tenant) -> int:
    """New due times for the tenant's unanswered questions under its current settings; how many moved.

    Their announced stage starts again from the new due time (a later one may warn anew). Nothing is
    published here: the SLA job announces what the new times make cross.
    """
    moved = 0
    after: uuid.UUID | None = None
    while True:
        query = select(Question.id, Question.date_created, Question.sla_due_at).where(
            Question.tenant_id == tenant.id, Question.status == sla.OPEN_STATUS
        )
        if after is not None:
            query = query.where(col(Question.id) > after)
        batch = (await session.exec(query.order_by(col(Question.id)).limit(RECOMPUTE_BATCH))).all()
        for row_id, created, due in batch:
            fresh = sla.tenant_due_at(created, tenant)
            if fresh != due:
                await session.exec(
                    update(Question).where(col(Question.id) == row_id).values(sla_due_at=fresh, sla_stage=SlaStage.NONE)
                )
                moved += 1
        if len(batch) < RECOMPUTE_BATCH:
            return moved
        after = batch[-1][0]


@dataclass
class Announced:
    warned: list[uuid.UUID] = field(default_factory=list)
    breached: list[uuid.UUID] = field(default_factory=list)


def _crossing(now: datetime) -> tuple[Any, Any]:
    """(the WHERE of questions with a stage to announce at ``now``, the stage each reaches)."""
    due = col(Question.sla_due_at)
    stage = col(Question.sla_stage)
    breached = due <= now
    warned = sla.warning_point() <= now
    condition = or_(
        (stage < SlaStage.BREACHED) & breached,
        (stage < SlaStage.WARNING) & warned,
    )
    return condition, case((breached, SlaStage.BREACHED), else_=SlaStage.WARNING)


async def advance_stages(
    session: AsyncSession, tenant_id: uuid.UUID, now: datetime
) -> list[tuple[uuid.UUID, uuid.UUID, int]]:
    """Move every crossing question of the tenant to the stage it reached: (id, account id, stage) each."""
    condition, reached = _crossing(now)
    statement = (
        update(Question)
        .where(
            col(Question.tenant_id) == tenant_id,
            sla.open_condition(),
            col(Question.sla_due_at).is_not(None),
            condition,
        )
        .values(sla_stage=reached)
        .returning(col(Question.id), col(Question.meli_account_id), col(Question.sla_stage))
    )
    rows = (await session.exec(statement)).all()
    return [(row[0], row[1], int(row[2])) for row in rows]


async def due_tenants(services: Services, now: datetime) -> list[uuid.UUID]:
    async with services.db.global_session() as session:
        rows = (
            await session.exec(text("SELECT * FROM melihub_sla_due_tenants(:now)"), params={"now": now})  # type: ignore[call-overload]
        ).all()
    return [row[0] for row in rows]


async def announce_crossings(services: Services, *, now: datetime | None = None) -> Announced:
    """The SLA job's run at ``now`` (default: the present): advance, commit, then publish each crossing."""
    at = now or utcnow()
    outcome = Announced()
    for tenant_id in await due_tenants(services, at):
        async with services.db.tenant(tenant_id) as session:
            moved = await advance_stages(session, tenant_id, at)
        changes = [Change(str(tenant_id), CHANGE_TYPE, str(q), f"sla{stage}", str(a)) for q, a, stage in moved]
        await publish_many(services.redis, changes)
        for question_id, _, stage in moved:
            (outcome.breached if stage == SlaStage.BREACHED else outcome.warned).append(question_id)
    return outcome
