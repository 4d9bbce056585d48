"""listings(filter, first, after) and listing(id)."""

from __future__ import annotations

import strawberry

from melihub.catalog import queries
from melihub.catalog.graphql.types import ListingFilterInput, ListingType
from melihub.graphql.context import Info
from melihub.graphql.pagination import DEFAULT_PAGE, Connection, node_by_id, page_of, parse_ids


async def resolve_listings(
    info: Info, filter: ListingFilterInput | None = None, first: int = DEFAULT_PAGE, after: str | None = None
) -> Connection[ListingType]:
    given = filter or ListingFilterInput()
    return await page_of(
        info,
        queries.list_listings,
        lambda: queries.ListingFilter(
            statuses=given.status,
            meli_account_ids=parse_ids(given.meli_account_ids, "meliAccountIds"),
            search=given.search,
        ),
        ListingType.of,
        first=first,
        after=after,
    )


async def resolve_listing(info: Info, id: strawberry.ID) -> ListingType | None:
    return await node_by_id(info, id, queries.get_listing, ListingType.of)


@strawberry.type
class CatalogQuery:
    listings: Connection[ListingType] = strawberry.field(
        resolver=resolve_listings, description="Listings of the linked accounts, most recently changed first."
    )
    listing: ListingType | None = strawberry.field(resolver=resolve_listing)
