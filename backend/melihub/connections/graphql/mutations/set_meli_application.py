"""setMeliApplication(input): the company's own Mercado Livre application (id, secret, site, store)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.connections import applications, service
from melihub.connections.graphql.applications import APPLICATION_TYPE, MeliApplicationType
from melihub.connections.runtime import account_notes
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.input(description="A new client id asks the accounts linked through the old one to reauthorize.")
class SetMeliApplicationInput:
    client_id: str = strawberry.field(description="The App ID Mercado Livre's developer portal shows.")
    client_secret: str | None = strawberry.field(
        default=None, description="Needed the first time and with a new client id; left out, the stored one stays."
    )
    site_id: str = "MLB"
    store_name: str = ""


@strawberry.type
class SetMeliApplicationPayload:
    application: MeliApplicationType | None = None
    reauthorize_accounts: int = strawberry.field(
        default=0, description="Accounts that now must reauthorize (linked through the replaced application)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetMeliApplication(BaseMutation[SetMeliApplicationPayload]):
    name = "setMeliApplication"
    payload = SetMeliApplicationPayload
    permission = Permission.MANAGE_CONNECTIONS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetMeliApplicationPayload:
        given: SetMeliApplicationInput = arguments["input"]
        async with call.unit() as work:
            change = await applications.set_application(
                work.session,
                call.require_principal(),
                call.services.keyring,
                account_notes(call.services),
                default_client_id=call.services.settings.meli_client_id,
                client_id=given.client_id,
                client_secret=given.client_secret,
                site_id=given.site_id,
                store_name=given.store_name,
            )
            assert change.application is not None
            # Which fields changed and the public id, never the secret.
            after = {"clientId": change.application.client_id, "changed": sorted(change.changed)}
            call.target(APPLICATION_TYPE, change.application.id, after=after)
            payload = SetMeliApplicationPayload(
                application=MeliApplicationType.of(change.application),
                reauthorize_accounts=len(change.to_reauthorize),
            )
        await service.announce_application_change(call.services, change)
        return payload


async def set_meli_application(info: Info, input: SetMeliApplicationInput) -> SetMeliApplicationPayload:
    return await SetMeliApplication.run(info, input=input)
