"""The KPIs' Query fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.kpis.graphql.resolvers import resolve_kpis
from melihub.kpis.graphql.top_listings import TopListingsQuery
from melihub.kpis.graphql.types import KpiReport


@strawberry.type
class KpisQuery(TopListingsQuery):
    kpis: KpiReport = strawberry.field(
        resolver=resolve_kpis,
        description="A range's metrics (sales, service, logistics, stock, funnel) with series and comparison; "
        "definitions in docs/kpis.md (every role that reads; account limits hold).",
    )
