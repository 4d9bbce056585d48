"""Reading buyer questions (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.graphql.pagination import Cursor, Page, account_scope, changed_before, newest_first
from melihub.questions.models import Question


@dataclass(frozen=True)
class QuestionFilter:
    statuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    item_ml_id: str | None = None


def _scoped(principal: Principal, requested: Sequence[uuid.UUID] | None = None) -> SelectOfScalar[Question]:
    """SELECT of the caller's tenant's questions, limited to the accounts the caller may (and asked to) see."""
    query = select(Question).where(Question.tenant_id == principal.tenant_id)
    accounts = account_scope(principal, requested)
    if accounts is not None:
        query = query.where(col(Question.meli_account_id).in_(accounts))
    return query


async def list_questions(
    session: AsyncSession, principal: Principal, filters: QuestionFilter, *, first: int, after: Cursor | None = None
) -> Page[Question]:
    """Most recently changed first, keyset-paged on (synced_at, id)."""
    principal.require(Permission.READ)
    query = _scoped(principal, filters.meli_account_ids).where(changed_before(Question, after))
    if filters.statuses:
        query = query.where(col(Question.status).in_(filters.statuses))
    if filters.item_ml_id:
        query = query.where(Question.item_ml_id == filters.item_ml_id.upper())
    rows = list((await session.exec(query.order_by(*newest_first(Question)).limit(first + 1))).all())
    return Page(rows=rows[:first], has_next=len(rows) > first)


async def get_question(session: AsyncSession, principal: Principal, question_id: uuid.UUID) -> Question | None:
    principal.require(Permission.READ)
    return (await session.exec(_scoped(principal).where(Question.id == question_id))).first()
