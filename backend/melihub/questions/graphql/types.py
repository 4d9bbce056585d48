"""Buyer questions as GraphQL types."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from melihub.catalog.graphql.loaders import listing_by_ml_id
from melihub.catalog.graphql.types import ListingType
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, then
from melihub.graphql.pagination import SortDirection
from melihub.graphql.relay import Node, global_id, register_node
from melihub.questions import queries
from melihub.questions.models import Question

QUESTION_TYPE = "Question"


@strawberry.type(name="Question", description="A buyer's question on a listing, and the seller's answer.")
class QuestionType(Node):
    ml_id: str = strawberry.field(description="Mercado Livre question id (a string: it exceeds 32 bits).")
    meli_account_id: strawberry.ID
    item_ml_id: str = strawberry.field(description="Mercado Livre item id of the listing asked about.")
    status: str = strawberry.field(description="Mercado Livre status: UNANSWERED, ANSWERED, BANNED, DELETED…")
    text: str
    answer: str | None = strawberry.field(description="The seller's answer, once given.")
    answer_status: str | None
    answered_at: datetime | None
    date_created: datetime | None
    updated_at: datetime = strawberry.field(description="When melihub last stored a change of this question.")
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(description="The listing asked about, when melihub holds it.")
    def listing(self, info: Info) -> ListingType | None:
        listing = load_now(listing_by_ml_id(self._context or info.context), self.item_ml_id)
        return then(listing, lambda found: ListingType.of(found, self._context) if found else None)

    @classmethod
    def of(cls, question: Question, context: Context | None = None) -> QuestionType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=global_id(QUESTION_TYPE, question.id),
            ml_id=str(question.ml_id),
            meli_account_id=global_id(ACCOUNT_TYPE, question.meli_account_id),
            item_ml_id=question.item_ml_id,
            status=question.status,
            text=question.text,
            answer=question.answer_text,
            answer_status=question.answer_status,
            answered_at=question.answered_at,
            date_created=question.date_created,
            updated_at=question.synced_at,
            _context=context,
        )


@strawberry.input(name="QuestionFilter")
class QuestionFilterInput:
    status: list[str] | None = strawberry.field(default=None, description="Any of these Mercado Livre statuses.")
    meli_account_ids: list[strawberry.ID] | None = None
    item_ml_id: str | None = strawberry.field(default=None, description="Only questions on this listing.")


@strawberry.enum(name="QuestionSortField")
class QuestionSortField(Enum):
    UPDATED_AT = "UPDATED_AT"
    DATE_CREATED = "DATE_CREATED"


@strawberry.input(name="QuestionSort", description="Sort by one field; ties are broken by id in the same direction.")
class QuestionSortInput:
    field: QuestionSortField = QuestionSortField.UPDATED_AT
    direction: SortDirection = SortDirection.DESC


register_node(QUESTION_TYPE, queries.questions_by_ids, QuestionType.of)
