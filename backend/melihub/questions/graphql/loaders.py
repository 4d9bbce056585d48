"""Named DataLoaders of questions, and what a page of them primes: the listings asked about (and their
variations) and the askers, when selected."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from strawberry.dataloader import DataLoader

from melihub.catalog.graphql.loaders import prime_listings_by_ml_id
from melihub.graphql.context import Context
from melihub.graphql.loaders import one_per_key
from melihub.graphql.prefetch import Wanted
from melihub.orders.models import Customer
from melihub.questions import queries
from melihub.questions.models import Question

ASKER_BY_ML_USER_ID = "questions.asker_by_ml_user_id"


def asker_by_ml_user_id(context: Context) -> DataLoader[int, Customer | None]:
    """Mercado Livre user id → the buyer who asked, None when they never bought (or not where the caller sees)."""
    return one_per_key(context, ASKER_BY_ML_USER_ID, queries.askers_by_ml_user_ids, _ml_user_id_of)


def _ml_user_id_of(customer: Customer) -> int:
    return customer.ml_user_id


async def prime_question_page(context: Context, questions: list[Question], wanted: Wanted) -> None:
    waves: list[Awaitable[object]] = []
    if wanted("listing"):
        asked = (question.item_ml_id for question in questions)
        waves.append(prime_listings_by_ml_id(context, asked, with_variations=wanted("listing", "variations")))
    if wanted("buyer"):
        askers = {question.from_ml_user_id for question in questions if question.from_ml_user_id is not None}
        waves.append(asker_by_ml_user_id(context).load_many(sorted(askers)))
    await asyncio.gather(*waves)
