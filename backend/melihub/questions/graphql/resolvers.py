"""questions(filter, sort, first/after, last/before), question(id) and questionChanged."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.live import by_account_scope, changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, ordering_of, page_of
from melihub.questions import queries
from melihub.questions.graphql.loaders import prime_question_page
from melihub.questions.graphql.types import QUESTION_TYPE, QuestionFilterInput, QuestionSortInput, QuestionType

CHANGE_TYPE = "question"


def _buyer_ml_id(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise AppError("buyerMlId is not a Mercado Livre user id", "BAD_USER_INPUT") from None


async def resolve_questions(
    info: Info,
    filter: QuestionFilterInput | None = None,
    sort: QuestionSortInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[QuestionType]:
    given = filter or QuestionFilterInput()

    async def filters() -> queries.QuestionFilter:
        return queries.QuestionFilter(
            statuses=given.status,
            meli_account_ids=await visible_account_ids(info, given.meli_account_ids),
            item_ml_id=given.item_ml_id,
            buyer_ml_id=_buyer_ml_id(given.buyer_ml_id),
            sla_states=given.sla_states,
        )

    ordering = ordering_of(sort, queries.QUESTION_SORTS)
    return await page_of(
        info,
        queries.list_questions,
        filters,
        QuestionType.of,
        PageArgs(first, after, last, before),
        ordering,
        prime=prime_question_page,
    )


async def resolve_question(info: Info, id: strawberry.ID) -> QuestionType | None:
    return await node_by_id(info, id, QUESTION_TYPE, queries.get_question, QuestionType.of)


async def question_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[QuestionType, None]:
    async for question, context in changed_objects(
        info, CHANGE_TYPE, meli_account_ids, queries.get_question, shared_by=by_account_scope
    ):
        yield QuestionType.of(question, context)
