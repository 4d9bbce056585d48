"""Mercado Livre account ids in filters and subscriptions: global ids of accounts the caller may see."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import strawberry

from melihub.connections import queries as accounts
from melihub.graphql.context import Info
from melihub.graphql.relay import not_found, parse_global_id

ACCOUNT_TYPE = "MeliAccount"


async def visible_account_ids(
    info: Info, values: Sequence[strawberry.ID] | None, field: str = "meliAccountIds"
) -> list[uuid.UUID] | None:
    """The requested accounts' row ids; NOT_FOUND for one that is malformed or not visible to the caller.

    Asking for another tenant's (or a limited member's unseen) account is an error, not an empty list.
    """
    if not values:
        return None
    wanted = [parse_global_id(value, field, ACCOUNT_TYPE) for value in values]
    async with info.context.session() as session:
        seen = {row.id for row in await accounts.accounts_by_ids(session, info.context.require(), wanted)}
    for value, row_id in zip(values, wanted, strict=True):
        if row_id not in seen:
            raise not_found(field, value)
    return wanted
