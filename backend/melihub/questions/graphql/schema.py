"""The questions domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.questions.graphql.mutations.answer_question import AnswerQuestionPayload, answer_question
from melihub.questions.graphql.mutations.create_question_template import (
    CreateQuestionTemplatePayload,
    create_question_template,
)
from melihub.questions.graphql.mutations.delete_question_template import (
    DeleteQuestionTemplatePayload,
    delete_question_template,
)
from melihub.questions.graphql.mutations.update_question_template import (
    UpdateQuestionTemplatePayload,
    update_question_template,
)
from melihub.questions.graphql.resolvers import question_changed, resolve_question, resolve_questions
from melihub.questions.graphql.templates import (
    QuestionTemplateType,
    RenderedQuestionTemplateType,
    resolve_question_templates,
    resolve_render_question_template,
)
from melihub.questions.graphql.types import QuestionType


@strawberry.type
class QuestionsQuery:
    questions: Connection[QuestionType] = strawberry.field(
        resolver=resolve_questions, description="Buyer questions (default: most recently changed first)."
    )
    question: QuestionType | None = strawberry.field(resolver=resolve_question)
    question_templates: Connection[QuestionTemplateType] = strawberry.field(
        resolver=resolve_question_templates, description="The tenant's canned answers, by name."
    )
    render_question_template: RenderedQuestionTemplateType = strawberry.field(
        resolver=resolve_render_question_template,
        description="A template with its placeholders filled from the question's listing, buyer and account.",
    )


@strawberry.type
class QuestionsMutation:
    answer_question: AnswerQuestionPayload = strawberry.mutation(
        resolver=answer_question,
        description="Answer a buyer's question on Mercado Livre; of simultaneous answers one goes out, "
        "the others get ALREADY_ANSWERED with it.",
    )
    create_question_template: CreateQuestionTemplatePayload = strawberry.mutation(
        resolver=create_question_template, description="A new canned answer (its placeholders are checked)."
    )
    update_question_template: UpdateQuestionTemplatePayload = strawberry.mutation(
        resolver=update_question_template, description="Change a template; only the fields given change."
    )
    delete_question_template: DeleteQuestionTemplatePayload = strawberry.mutation(resolver=delete_question_template)


@strawberry.type
class QuestionsSubscription:
    question_changed: AsyncGenerator[QuestionType, None] = strawberry.subscription(
        resolver=question_changed, description="A question arrived, was answered, or changed status."
    )
