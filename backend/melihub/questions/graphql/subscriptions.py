"""questionChanged: the question itself, loaded again for each change."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.live import changes
from melihub.graphql.context import Info
from melihub.questions import queries
from melihub.questions.graphql.types import QuestionType

CHANGE_TYPE = "question"


async def question_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[QuestionType, None]:
    async for change, context in changes(info, {CHANGE_TYPE}, meli_account_ids):
        try:
            question_id = uuid.UUID(change.id)
        except ValueError:
            continue
        async with context.session() as session:
            question = await queries.get_question(session, context.require(), question_id)
        if question is not None:
            yield QuestionType.of(question, context)


@strawberry.type
class QuestionsSubscription:
    question_changed: AsyncGenerator[QuestionType, None] = strawberry.subscription(
        resolver=question_changed, description="A question arrived, was answered, or changed status."
    )
