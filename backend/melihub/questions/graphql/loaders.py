"""What a page of questions primes: the listings asked about (and their variations) when selected."""

from __future__ import annotations

from melihub.catalog.graphql.loaders import prime_listings_by_ml_id
from melihub.graphql.context import Context
from melihub.graphql.prefetch import Wanted
from melihub.questions.models import Question


async def prime_question_page(context: Context, questions: list[Question], wanted: Wanted) -> None:
    if wanted("listing"):
        asked = (question.item_ml_id for question in questions)
        await prime_listings_by_ml_id(context, asked, with_variations=wanted("listing", "variations"))
