"""The buyers domain's Query fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.buyers.graphql.resolvers import resolve_cohorts, resolve_rfm_segments
from melihub.buyers.graphql.types import Cohort, RfmSegment


@strawberry.type
class BuyersQuery:
    cohorts: list[Cohort] = strawberry.field(
        resolver=resolve_cohorts,
        description="Customers by first-order month and the share buying again each month after (every role "
        "that reads; account limits hold).",
    )
    rfm_segments: list[RfmSegment] = strawberry.field(
        resolver=resolve_rfm_segments,
        description="Customers by RFM segment (recency, frequency, monetary; docs/kpis.md), every segment listed.",
    )
