"""The connections domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.connections.graphql.mutations.start_meli_link import StartMeliLinkPayload, start_meli_link
from melihub.connections.graphql.mutations.test_meli_connection import (
    TestMeliConnectionPayload,
    test_meli_connection,
)
from melihub.connections.graphql.mutations.unlink_meli_account import (
    UnlinkMeliAccountPayload,
    unlink_meli_account,
)
from melihub.connections.graphql.resolvers import meli_account_changed, resolve_meli_accounts
from melihub.connections.graphql.types import MeliAccountType
from melihub.graphql.pagination import Connection


@strawberry.type
class ConnectionsQuery:
    meli_accounts: Connection[MeliAccountType] = strawberry.field(
        resolver=resolve_meli_accounts, description="Linked Mercado Livre accounts the caller may see."
    )


@strawberry.type
class ConnectionsMutation:
    start_meli_link: StartMeliLinkPayload = strawberry.mutation(resolver=start_meli_link)
    test_meli_connection: TestMeliConnectionPayload = strawberry.mutation(resolver=test_meli_connection)
    unlink_meli_account: UnlinkMeliAccountPayload = strawberry.mutation(resolver=unlink_meli_account)


@strawberry.type
class ConnectionsSubscription:
    meli_account_changed: AsyncGenerator[MeliAccountType, None] = strawberry.subscription(
        resolver=meli_account_changed,
        description="Status, token expiry or errors of a linked account changed.",
    )
