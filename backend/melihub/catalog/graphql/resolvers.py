"""listings(filter, sort, first/after, last/before), listing(id) and listingChanged."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.catalog import queries
from melihub.catalog.graphql.loaders import prime_listing_page
from melihub.catalog.graphql.types import LISTING_TYPE, ListingFilterInput, ListingSortInput, ListingType
from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.graphql.live import by_account_scope, changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, ordering_of, page_of
from melihub.insights.queries import score_conditions

CHANGE_TYPE = "listing"


async def resolve_listings(
    info: Info,
    filter: ListingFilterInput | None = None,
    sort: ListingSortInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[ListingType]:
    given = filter or ListingFilterInput()

    async def filters() -> queries.ListingFilter:
        return queries.ListingFilter(
            statuses=given.status,
            meli_account_ids=await visible_account_ids(info, given.meli_account_ids),
            search=given.search,
            conditions=score_conditions(given.score_below, given.finding.value if given.finding else None),
        )

    ordering = ordering_of(sort, queries.LISTING_SORTS)
    return await page_of(
        info,
        queries.list_listings,
        filters,
        ListingType.of,
        PageArgs(first, after, last, before),
        ordering,
        prime=prime_listing_page,
    )


async def resolve_listing(info: Info, id: strawberry.ID) -> ListingType | None:
    return await node_by_id(info, id, LISTING_TYPE, queries.get_listing, ListingType.of)


async def listing_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ListingType, None]:
    async for listing, context in changed_objects(
        info, CHANGE_TYPE, meli_account_ids, queries.get_listing, shared_by=by_account_scope
    ):
        yield ListingType.of(listing, context)
