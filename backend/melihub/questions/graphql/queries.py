"""questions(filter, first, after) and question(id)."""

from __future__ import annotations

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.pagination import DEFAULT_PAGE, Connection, node_by_id, page_of, parse_ids
from melihub.questions import queries
from melihub.questions.graphql.types import QuestionFilterInput, QuestionType


async def resolve_questions(
    info: Info, filter: QuestionFilterInput | None = None, first: int = DEFAULT_PAGE, after: str | None = None
) -> Connection[QuestionType]:
    given = filter or QuestionFilterInput()
    return await page_of(
        info,
        queries.list_questions,
        lambda: queries.QuestionFilter(
            statuses=given.status,
            meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
            item_ml_id=given.item_ml_id,
        ),
        QuestionType.of,
        first=first,
        after=after,
    )


async def resolve_question(info: Info, id: strawberry.ID) -> QuestionType | None:
    return await node_by_id(info, id, queries.get_question, QuestionType.of)


@strawberry.type
class QuestionsQuery:
    questions: Connection[QuestionType] = strawberry.field(
        resolver=resolve_questions, description="Buyer questions, most recently changed first."
    )
    question: QuestionType | None = strawberry.field(resolver=resolve_question)
