"""Reading buyer questions (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Cursor, Page, fetch_page, visible
from melihub.questions.models import Question


@dataclass(frozen=True)
class QuestionFilter:
    statuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    item_ml_id: str | None = None


async def list_questions(
    session: AsyncSession, principal: Principal, filters: QuestionFilter, *, first: int, after: Cursor | None = None
) -> Page[Question]:
    """Most recently changed first, keyset-paged on (synced_at, id)."""
    principal.require(Permission.READ)
    query = visible(Question, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Question.status).in_(filters.statuses))
    if filters.item_ml_id:
        query = query.where(Question.item_ml_id == filters.item_ml_id.upper())
    return await fetch_page(session, query, Question, first=first, after=after)


async def get_question(session: AsyncSession, principal: Principal, question_id: uuid.UUID) -> Question | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Question, principal).where(Question.id == question_id))).first()
