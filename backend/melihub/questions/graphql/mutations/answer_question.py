"""answerQuestion(questionId, text): answer a buyer's question on Mercado Livre, once, whoever is first."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.questions import answers
from melihub.questions.graphql.types import QUESTION_TYPE, QuestionType


@strawberry.type
class AnswerQuestionPayload:
    question: QuestionType | None = strawberry.field(
        default=None, description="The question as stored after the attempt (with the winning answer, if any)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class AnswerQuestion(BaseMutation[AnswerQuestionPayload]):
    name = "answerQuestion"
    payload = AnswerQuestionPayload
    permission = Permission.ANSWER

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> AnswerQuestionPayload:
        question_id = call.id_of("questionId", arguments["question_id"], QUESTION_TYPE)
        text = answers.checked_text(arguments["text"])
        call.target(
            QUESTION_TYPE, question_id, before={"status": "UNANSWERED"}, after={"status": "ANSWERED", "answer": text}
        )
        outcome = await answers.answer_question(
            call.services, call.require_principal(), question_id, text, store_in=call.unit
        )
        errors = user_errors(outcome.refusal) if outcome.refusal else []
        return AnswerQuestionPayload(question=QuestionType.of(outcome.question), errors=errors)


async def answer_question(
    info: Info,
    question_id: strawberry.ID,
    text: Annotated[str, strawberry.argument(description="At most 2,000 characters; sent trimmed.")],
) -> AnswerQuestionPayload:
    return await AnswerQuestion.run(info, question_id=question_id, text=text)
