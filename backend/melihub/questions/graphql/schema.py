"""The questions domain's Query and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.questions.graphql.resolvers import question_changed, resolve_question, resolve_questions
from melihub.questions.graphql.types import QuestionType


@strawberry.type
class QuestionsQuery:
    questions: Connection[QuestionType] = strawberry.field(
        resolver=resolve_questions, description="Buyer questions (default: most recently changed first)."
    )
    question: QuestionType | None = strawberry.field(resolver=resolve_question)


@strawberry.type
class QuestionsSubscription:
    question_changed: AsyncGenerator[QuestionType, None] = strawberry.subscription(
        resolver=question_changed, description="A question arrived, was answered, or changed status."
    )
