"""questionChanged: the question itself, loaded again for each change."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.events.graphql.live import changed_objects
from melihub.graphql.context import Info
from melihub.questions import queries
from melihub.questions.graphql.types import QuestionType

CHANGE_TYPE = "question"


async def question_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[QuestionType, None]:
    async for question, context in changed_objects(info, CHANGE_TYPE, meli_account_ids, queries.get_question):
        yield QuestionType.of(question, context)


@strawberry.type
class QuestionsSubscription:
    question_changed: AsyncGenerator[QuestionType, None] = strawberry.subscription(
        resolver=question_changed, description="A question arrived, was answered, or changed status."
    )
