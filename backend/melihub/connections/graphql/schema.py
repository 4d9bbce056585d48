"""The connections domain's mutations and subscriptions for the schema root."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.connections import service
from melihub.connections.graphql.mutations.start_meli_link import StartMeliLinkPayload, start_meli_link
from melihub.connections.graphql.mutations.test_meli_connection import (
    TestMeliConnectionPayload,
    test_meli_connection,
)
from melihub.connections.graphql.mutations.unlink_meli_account import (
    UnlinkMeliAccountPayload,
    unlink_meli_account,
)
from melihub.connections.graphql.types import MeliAccountType
from melihub.errors import DomainError
from melihub.events.graphql.live import changes
from melihub.graphql.context import Info


@strawberry.type
class ConnectionsMutation:
    start_meli_link: StartMeliLinkPayload = strawberry.mutation(resolver=start_meli_link)
    test_meli_connection: TestMeliConnectionPayload = strawberry.mutation(resolver=test_meli_connection)
    unlink_meli_account: UnlinkMeliAccountPayload = strawberry.mutation(resolver=unlink_meli_account)


async def meli_account_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[MeliAccountType, None]:
    async for change, context in changes(info, {"meli_account"}, meli_account_ids):
        try:
            async with context.session() as session:
                account = await service.get_account(session, context.require(), uuid.UUID(change.id))
        except DomainError:
            continue
        yield MeliAccountType.of(account)


@strawberry.type
class ConnectionsSubscription:
    meli_account_changed: AsyncGenerator[MeliAccountType, None] = strawberry.subscription(
        resolver=meli_account_changed,
        description="Status, token expiry or errors of a linked account changed.",
    )
