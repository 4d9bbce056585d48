"""The company's own Mercado Livre application as a GraphQL type (its secret never leaves the server)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.connections import queries
from melihub.connections.models import MeliApplication
from melihub.graphql.context import Info
from melihub.graphql.relay import Node, global_id, register_node

APPLICATION_TYPE = "MeliApplication"


@strawberry.type(
    name="MeliApplication",
    description="The company's own Mercado Livre application: new links and every refresh of the accounts "
    "linked through it use its credentials.",
)
class MeliApplicationType(Node):
    client_id: str = strawberry.field(description="The application's id on Mercado Livre (App ID).")
    site_id: str = strawberry.field(description="The Mercado Livre site it was registered on (MLB…).")
    store_name: str = strawberry.field(description="The store it serves, as the company calls it.")
    secret_set: bool = strawberry.field(description="Its secret is stored (encrypted); it is never shown back.")
    last_test_at: datetime | None
    last_test_ok: bool | None
    last_test_error: str | None
    updated_at: datetime

    @strawberry.field(description="Active accounts whose grants belong to this application.")
    async def linked_accounts(self, info: Info) -> int:
        async with info.context.session() as session:
            return await queries.accounts_linked_through(session, self.client_id)

    @classmethod
    def of(cls, application: MeliApplication) -> MeliApplicationType:
        return cls(
            id=global_id(APPLICATION_TYPE, application.id),
            client_id=application.client_id,
            site_id=application.site_id,
            store_name=application.store_name,
            secret_set=bool(application.client_secret_enc),
            last_test_at=application.last_test_at,
            last_test_ok=application.last_test_ok,
            last_test_error=application.last_test_error,
            updated_at=application.updated_at,
        )


@strawberry.type(description="What a company's own application is registered with on Mercado Livre's portal.")
class MeliApplicationUrls:
    webhook_url: str = strawberry.field(description="The notifications callback URL (read only).")
    redirect_uri: str = strawberry.field(description="The redirect URI for the authorization.")


async def resolve_meli_application(info: Info) -> MeliApplicationType | None:
    principal = info.context.require()
    async with info.context.session() as session:
        application = await queries.own_application(session, principal)
    return MeliApplicationType.of(application) if application is not None else None


def resolve_meli_application_urls(info: Info) -> MeliApplicationUrls:
    info.context.require()
    webhook_url, redirect_uri = queries.registration_urls(info.context.services.settings)
    return MeliApplicationUrls(webhook_url=webhook_url, redirect_uri=redirect_uri)


register_node(APPLICATION_TYPE, queries.applications_by_ids, MeliApplicationType.of)
