"""floor(meliAccountIds)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from melihub.accounts.permissions import Permission
from melihub.floor import queries
from melihub.floor.graphql.types import FloorType
from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info


async def resolve_floor(
    info: Info,
    meli_account_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(description="Only these Mercado Livre accounts; null: every account the caller sees."),
    ] = None,
) -> FloorType:
    principal = info.context.require(Permission.READ)
    accounts = await visible_account_ids(info, meli_account_ids)
    async with info.context.session() as session:
        figures = await queries.floor_figures(session, principal, meli_account_ids=accounts)
    return FloorType.of(figures)
