"""Buyer questions as GraphQL types."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.catalog.graphql.loaders import listing_by_ml_id
from melihub.catalog.graphql.types import ListingType
from melihub.graphql.context import Context, Info
from melihub.questions.models import Question


@strawberry.type(name="Question", description="A buyer's question on a listing, and the seller's answer.")
class QuestionType:
    id: strawberry.ID
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
    async def listing(self, info: Info) -> ListingType | None:
        listing = await listing_by_ml_id(self._context or info.context).load(self.item_ml_id)
        return ListingType.of(listing, self._context) if listing else None

    @classmethod
    def of(cls, question: Question, context: Context | None = None) -> QuestionType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=strawberry.ID(str(question.id)),
            ml_id=str(question.ml_id),
            meli_account_id=strawberry.ID(str(question.meli_account_id)),
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
