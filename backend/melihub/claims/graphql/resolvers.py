"""claims(filter, first/after, last/before), claim(id) and claimChanged."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.claims import queries
from melihub.claims.graphql.loaders import prime_claim_page
from melihub.claims.graphql.types import CLAIM_TYPE, ClaimFilterInput, ClaimType
from melihub.claims.service import ENTITY
from melihub.graphql.accounts import account_filter_ids
from melihub.graphql.context import Info
from melihub.graphql.live import by_account_scope, changed_objects
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, page_of


async def resolve_claims(
    info: Info,
    filter: ClaimFilterInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[ClaimType]:
    given = filter or ClaimFilterInput()

    async def filters() -> queries.ClaimFilter:
        return queries.ClaimFilter(
            meli_account_ids=await account_filter_ids(info, given.meli_account_id, given.meli_account_ids),
            status=given.status,
        )

    return await page_of(
        info,
        queries.list_claims,
        filters,
        ClaimType.of,
        PageArgs(first, after, last, before),
        queries.due_first(),
        prime=prime_claim_page,
    )


async def resolve_claim(info: Info, id: strawberry.ID) -> ClaimType | None:
    return await node_by_id(info, id, CLAIM_TYPE, queries.get_claim, ClaimType.of)


async def claim_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[ClaimType, None]:
    async for claim, context in changed_objects(
        info, ENTITY, meli_account_ids, queries.get_claim, shared_by=by_account_scope
    ):
        yield ClaimType.of(claim, context)
