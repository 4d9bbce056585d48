"""The claims domain's Query and Subscription fields for the schema root (read-only for now)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.claims.graphql.resolvers import claim_changed, resolve_claim, resolve_claims
from melihub.claims.graphql.types import ClaimType
from melihub.graphql.pagination import Connection


@strawberry.type
class ClaimsQuery:
    claims: Connection[ClaimType] = strawberry.field(
        resolver=resolve_claims,
        description="Buyers' claims on the linked accounts' sales, the one the seller must act on soonest first.",
    )
    claim: ClaimType | None = strawberry.field(resolver=resolve_claim)


@strawberry.type
class ClaimsSubscription:
    claim_changed: AsyncGenerator[ClaimType, None] = strawberry.subscription(
        resolver=claim_changed, description="A claim was opened, moved to another stage, or closed."
    )
