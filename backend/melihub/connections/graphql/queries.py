"""meliAccounts: the linked seller accounts the caller may see."""

from __future__ import annotations

import strawberry

from melihub.connections import service
from melihub.connections.graphql.types import MeliAccountType
from melihub.graphql.context import Info


async def resolve_meli_accounts(info: Info) -> list[MeliAccountType]:
    principal = info.context.require()
    async with info.context.session() as session:
        accounts = await service.list_accounts(session, principal)
    return [MeliAccountType.of(account) for account in accounts]


@strawberry.type
class ConnectionsQuery:
    meli_accounts: list[MeliAccountType] = strawberry.field(resolver=resolve_meli_accounts)
