"""meliAccounts and meliAccountChanged: the linked seller accounts the caller may see."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.connections import service
from melihub.connections.graphql.types import MeliAccountType
from melihub.connections.models import MeliAccount
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.live import changes
from melihub.graphql.pagination import Connection, PageArgs, connection_from_rows


def _created_at(account: MeliAccount) -> object:
    return account.created_at


async def resolve_meli_accounts(
    info: Info, first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None
) -> Connection[MeliAccountType]:
    principal = info.context.require()
    async with info.context.session() as session:
        accounts = await service.list_accounts(session, principal)
    return connection_from_rows(
        accounts,
        MeliAccountType.of,
        PageArgs(first, after, last, before),
        sort_name="CREATED_AT",
        value_of=_created_at,
        id_of=lambda account: account.id,
    )


async def meli_account_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[MeliAccountType, None]:
    async for change, context in changes(info, {"meli_account"}, meli_account_ids):
        try:
            async with context.session() as session:
                account = await service.get_account(session, context.require(), uuid.UUID(change.id))
        except (DomainError, ValueError):
            continue
        yield MeliAccountType.of(account)
