"""topListings(metric, range, meliAccountIds, first): the type, the enum and the resolver."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

from melihub.accounts.permissions import Permission
from melihub.catalog.graphql.types import ListingType
from melihub.db.paging import account_scope
from melihub.errors import DomainError
from melihub.graphql.accounts import account_filter_ids
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.money import Money
from melihub.kpis import queries
from melihub.kpis.graphql.types import KpiRangeInput
from melihub.kpis.metrics import Granularity
from melihub.kpis.top_listings import MAX_FIRST, TopListingData, TopListingMetric, top_listings

TopListingMetricEnum = strawberry.enum(
    TopListingMetric,
    name="TopListingMetric",
    description="What topListings ranks by: GMV (the listing's own currency), UNITS, ORDERS, VISITS, "
    "CONVERSION (orders / visits, listings with visits only) or QUESTIONS (asked).",
)


@strawberry.type(description="A listing's sales, questions and visits over a range (docs/kpis.md, Funnel).")
class TopListing:
    listing: ListingType
    value: Decimal = strawberry.field(description="The figure the list is ranked by.")
    gmv: list[Money] = strawberry.field(description="GMV per currency (currencies with sales only).")
    units: int
    orders: int = strawberry.field(description="Counted orders holding the listing.")
    visits: int = strawberry.field(description="Mercado Livre's daily (unique) visits, summed.")
    questions: int = strawberry.field(description="Questions asked in the range.")
    conversion: Decimal | None = strawberry.field(description="orders / visits; null without visits.")

    @classmethod
    def of(cls, data: TopListingData) -> TopListing:
        return cls(
            listing=ListingType.of(data.listing),
            value=data.value,
            gmv=[Money(amount=amount, currency=currency) for currency, amount in sorted(data.gmv.items())],
            units=data.units,
            orders=data.orders,
            visits=data.visits,
            questions=data.questions,
            conversion=data.conversion,
        )


async def resolve_top_listings(
    info: Info,
    metric: Annotated[TopListingMetric, strawberry.argument(description="What to rank by.")],
    range: Annotated[KpiRangeInput, strawberry.argument(description="Inclusive local dates; ≤ 400 days.")],
    meli_account_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(description="Only these Mercado Livre accounts; null: every account the caller sees."),
    ] = None,
    first: Annotated[int, strawberry.argument(description=f"How many (1..{MAX_FIRST}).")] = 10,
) -> list[TopListing]:
    principal = info.context.require(Permission.READ)
    try:
        queries.check_range(range.from_, range.to, Granularity.DAY)
    except DomainError as error:
        raise AppError(str(error), "BAD_USER_INPUT", field=error.field) from None
    if not 1 <= first <= MAX_FIRST:
        raise AppError(f"first must be between 1 and {MAX_FIRST}", "BAD_USER_INPUT", field="first")
    accounts = account_scope(principal, await account_filter_ids(info, None, meli_account_ids))
    async with info.context.session() as session:
        found = await top_listings(
            session, metric=metric, first_day=range.from_, last_day=range.to, account_ids=accounts, first=first
        )
    return [TopListing.of(entry) for entry in found]


@strawberry.type
class TopListingsQuery:
    top_listings: list[TopListing] = strawberry.field(
        resolver=resolve_top_listings,
        description="The listings that sold, were asked or were seen most in a range (every role that reads; "
        "account limits hold).",
    )
