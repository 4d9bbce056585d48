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


async def account_filter_ids(
    info: Info, one: strawberry.ID | None, many: Sequence[strawberry.ID] | None
) -> list[uuid.UUID] | None:
    """A filter's ``meliAccountId`` and ``meliAccountIds`` together (both given: the accounts in both)."""
    single = await visible_account_ids(info, [one] if one is not None else None, "meliAccountId")
    listed = await visible_account_ids(info, many)
    if single is None or listed is None:
        return single if listed is None else listed
    return [account_id for account_id in single if account_id in listed]
