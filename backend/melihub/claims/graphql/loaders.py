"""Priming a claims page: each claim's order in one statement."""

from __future__ import annotations

from melihub.claims.models import Claim
from melihub.graphql.context import Context
from melihub.graphql.prefetch import Wanted
from melihub.orders.graphql.loaders import order_by_ml_id


def order_ml_id_of(claim: Claim) -> int | None:
    """The order the claim is about, when it names one (a claim may name a shipment or a payment)."""
    return claim.resource_id if claim.resource == "order" else None


async def prime_claim_page(context: Context, claims: list[Claim], wanted: Wanted) -> None:
    if wanted("order"):
        ml_ids = {ml_id for ml_id in map(order_ml_id_of, claims) if ml_id is not None}
        await order_by_ml_id(context).load_many(sorted(ml_ids))
