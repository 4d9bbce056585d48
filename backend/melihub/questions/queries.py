"""Reading buyer questions (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.paging import (
    Ordering,
    Page,
    PageRequest,
    account_condition,
    changed_first,
    fetch_page,
    visible,
    visible_by_ids,
)
from melihub.orders.models import Customer, Order
from melihub.questions import sla
from melihub.questions.models import Question


@dataclass(frozen=True)
class QuestionFilter:
    statuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    item_ml_id: str | None = None
    buyer_ml_id: int | None = None  # the asker's Mercado Livre user id (``from.id``, §8)
    sla_states: list[sla.SlaState] | None = None  # judged at ``now`` (default: the present)
    now: datetime | None = None


QUESTION_SORTS: dict[str, Callable[[bool], Ordering]] = {
    "UPDATED_AT": lambda desc: Ordering(col(Question.synced_at), col(Question.id), desc, "UPDATED_AT"),
    "DATE_CREATED": lambda desc: Ordering(col(Question.date_created), col(Question.id), desc, "DATE_CREATED"),
    "SLA_DUE_AT": lambda desc: Ordering(col(Question.sla_due_at), col(Question.id), desc, "SLA_DUE_AT"),
}


async def list_questions(
    session: AsyncSession, principal: Principal, filters: QuestionFilter, request: PageRequest
) -> Page[Question]:
    """Keyset-paged in the request's ordering (default: most recently changed first)."""
    principal.require(Permission.READ)
    query = visible(Question, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Question.status).in_(filters.statuses))
    if filters.item_ml_id:
        query = query.where(Question.item_ml_id == filters.item_ml_id.upper())
    if filters.buyer_ml_id is not None:
        query = query.where(Question.from_ml_user_id == filters.buyer_ml_id)
    if filters.sla_states:
        query = query.where(sla.states_condition(filters.sla_states, filters.now or utcnow()))
    return await fetch_page(session, query, request.ordering or changed_first(Question), request)


async def get_question(session: AsyncSession, principal: Principal, question_id: uuid.UUID) -> Question | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Question, principal).where(Question.id == question_id))).first()


async def questions_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[Question]:
    """For ``node``/``nodes``: the questions with these ids the caller may see."""
    principal.require(Permission.READ)
    return await visible_by_ids(session, principal, Question, ids)


async def askers_by_ml_user_ids(
    session: AsyncSession, principal: Principal, ml_user_ids: Sequence[int]
) -> list[Customer]:
    """For ``Question.buyer``: the tenant's buyers with these Mercado Livre user ids, as ``Customer`` nodes
    show them (a member limited to some accounts sees those who bought on one of them)."""
    principal.require(Permission.READ)
    query = select(Customer).where(
        Customer.tenant_id == principal.tenant_id, col(Customer.ml_user_id).in_(list(ml_user_ids))
    )
    if principal.meli_account_ids is not None:
        # The rule of orders.queries.customers_by_ids, so ``node(buyer.id)`` answers the same buyer.
        bought_here = select(Order.id).where(
            Order.customer_id == Customer.id, account_condition(col(Order.meli_account_id), principal, None)
        )
        query = query.where(bought_here.exists())
    return list((await session.exec(query)).all())
