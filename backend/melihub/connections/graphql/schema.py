"""The connections domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.connections.graphql.applications import (
    MeliApplicationType,
    MeliApplicationUrls,
    resolve_meli_application,
    resolve_meli_application_urls,
)
from melihub.connections.graphql.mutations.remove_meli_application import (
    RemoveMeliApplicationPayload,
    remove_meli_application,
)
from melihub.connections.graphql.mutations.set_meli_application import (
    SetMeliApplicationPayload,
    set_meli_application,
)
from melihub.connections.graphql.mutations.start_meli_link import StartMeliLinkPayload, start_meli_link
from melihub.connections.graphql.mutations.test_meli_application import (
    TestMeliApplicationPayload,
    test_meli_application,
)
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
    meli_application: MeliApplicationType | None = strawberry.field(
        resolver=resolve_meli_application,
        description="The company's own Mercado Livre application; null: it links through melihub's.",
    )
    meli_application_urls: MeliApplicationUrls = strawberry.field(
        resolver=resolve_meli_application_urls,
        description="The URLs to register a company's own application with on Mercado Livre.",
    )


@strawberry.type
class ConnectionsMutation:
    start_meli_link: StartMeliLinkPayload = strawberry.mutation(resolver=start_meli_link)
    test_meli_connection: TestMeliConnectionPayload = strawberry.mutation(resolver=test_meli_connection)
    unlink_meli_account: UnlinkMeliAccountPayload = strawberry.mutation(resolver=unlink_meli_account)
    set_meli_application: SetMeliApplicationPayload = strawberry.mutation(
        resolver=set_meli_application, description="Bring the company's own Mercado Livre application."
    )
    test_meli_application: TestMeliApplicationPayload = strawberry.mutation(resolver=test_meli_application)
    remove_meli_application: RemoveMeliApplicationPayload = strawberry.mutation(
        resolver=remove_meli_application, description="Link through melihub's own application again."
    )


@strawberry.type
class ConnectionsSubscription:
    meli_account_changed: AsyncGenerator[MeliAccountType, None] = strawberry.subscription(
        resolver=meli_account_changed,
        description="Status, token expiry or errors of a linked account changed.",
    )
