"""Buyer questions as GraphQL types."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum

import strawberry
from strawberry.dataloader import DataLoader

from melihub.accounts import queries as account_queries
from melihub.accounts.graphql.types import UserType
from melihub.accounts.service import MemberView
from melihub.catalog.graphql.loaders import listing_by_ml_id
from melihub.catalog.graphql.types import ListingType
from melihub.db.base import utcnow
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, one_per_key, then
from melihub.graphql.pagination import SortDirection
from melihub.graphql.relay import Node, global_id, register_node
from melihub.orders.graphql.types import CustomerType
from melihub.questions import queries, sla
from melihub.questions.graphql.loaders import asker_by_ml_user_id
from melihub.questions.models import Question

QUESTION_TYPE = "Question"


def member_by_user_id(context: Context) -> DataLoader[uuid.UUID, MemberView | None]:
    """User id → the member of the caller's tenant, None when no longer a member."""
    return one_per_key(context, "questions.member_by_user_id", account_queries.members_by_ids, lambda m: m.user.id)


strawberry.enum(
    sla.SlaState,
    name="QuestionSlaState",
    description="OK; WARNING past 80 % of the time to its SLA due; BREACHED past due; ANSWERED: nothing waits "
    "for an answer any more (answered, or closed, banned or deleted on Mercado Livre).",
)


@strawberry.type(name="Question", description="A buyer's question on a listing, and the seller's answer.")
class QuestionType(Node):
    ml_id: str = strawberry.field(description="Mercado Livre question id (a string: it exceeds 32 bits).")
    meli_account_id: strawberry.ID
    item_ml_id: str = strawberry.field(description="Mercado Livre item id of the listing asked about.")
    status: str = strawberry.field(description="Mercado Livre status: UNANSWERED, ANSWERED, BANNED, DELETED…")
    text: str
    buyer_ml_id: str | None = strawberry.field(
        description="Mercado Livre user id of the asker (a string: it exceeds 32 bits): all a question tells "
        "of who asked."
    )
    answer: str | None = strawberry.field(description="The seller's answer, once given.")
    answer_status: str | None
    answered_at: datetime | None
    date_created: datetime | None
    updated_at: datetime = strawberry.field(description="When melihub last stored a change of this question.")
    sla_due_at: datetime | None = strawberry.field(
        description="When the question breaches the tenant's answer SLA (counted in its business hours)."
    )
    sla_state: sla.SlaState = strawberry.field(description="Where the question stands against its SLA, now.")
    response_seconds: int | None = strawberry.field(
        description="Seconds from the question to its answer, once answered."
    )
    answer_sent_at: datetime | None = strawberry.field(
        default=None, description="When melihub sent the answer to Mercado Livre (null: not answered through melihub)."
    )
    _answered_by_user_id: strawberry.Private[uuid.UUID | None] = None
    _buyer_ml_user_id: strawberry.Private[int | None] = None
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(
        description="Who answered through melihub; null when answered elsewhere, by an API token, or by a "
        "person no longer in the company."
    )
    def answered_by(self, info: Info) -> UserType | None:
        if self._answered_by_user_id is None:
            return None
        member = load_now(member_by_user_id(self._context or info.context), self._answered_by_user_id)
        return then(member, lambda found: UserType.of_member(found) if found else None)

    @strawberry.field(
        description="The asker as a buyer of the tenant: null when they never bought from it (their nickname "
        "is known only from orders), or, for a member limited to some accounts, never on one of those."
    )
    def buyer(self, info: Info) -> CustomerType | None:
        if self._buyer_ml_user_id is None:
            return None
        customer = load_now(asker_by_ml_user_id(self._context or info.context), self._buyer_ml_user_id)
        return then(customer, lambda found: CustomerType.of(found) if found else None)

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
            buyer_ml_id=str(question.from_ml_user_id) if question.from_ml_user_id is not None else None,
            answer=question.answer_text,
            answer_status=question.answer_status,
            answered_at=question.answered_at,
            date_created=question.date_created,
            updated_at=question.synced_at,
            sla_due_at=question.sla_due_at,
            sla_state=sla.sla_state(question, utcnow()),
            response_seconds=sla.response_seconds(question),
            answer_sent_at=question.answer_sent_at if question.status == "ANSWERED" else None,
            _answered_by_user_id=question.answered_by_user_id if question.status == "ANSWERED" else None,
            _buyer_ml_user_id=question.from_ml_user_id,
            _context=context,
        )


@strawberry.input(name="QuestionFilter")
class QuestionFilterInput:
    status: list[str] | None = strawberry.field(default=None, description="Any of these Mercado Livre statuses.")
    meli_account_ids: list[strawberry.ID] | None = None
    item_ml_id: str | None = strawberry.field(default=None, description="Only questions on this listing.")
    buyer_ml_id: str | None = strawberry.field(
        default=None, description="Only questions asked by this Mercado Livre user (`Question.buyerMlId`)."
    )
    sla_states: list[sla.SlaState] | None = strawberry.field(
        default=None, description="Only questions in any of these SLA states, now."
    )


@strawberry.enum(name="QuestionSortField")
class QuestionSortField(Enum):
    UPDATED_AT = "UPDATED_AT"
    DATE_CREATED = "DATE_CREATED"
    SLA_DUE_AT = "SLA_DUE_AT"


@strawberry.input(name="QuestionSort", description="Sort by one field; ties are broken by id in the same direction.")
class QuestionSortInput:
    field: QuestionSortField = QuestionSortField.UPDATED_AT
    direction: SortDirection = SortDirection.DESC


register_node(QUESTION_TYPE, queries.questions_by_ids, QuestionType.of)
