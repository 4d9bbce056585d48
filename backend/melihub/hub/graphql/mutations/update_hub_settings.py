"""updateHubSettings(input): the hub's name, address and pickup hours, and the company's own providers."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import hub_settings
from melihub.hub.graphql.types import HUB_SETTINGS_TYPE, HubSettingsType


@strawberry.input(
    description="Each field left out stays as it is. A provider URL set to null goes back to the "
    "process-wide default; set to an empty string it turns that channel off for the company."
)
class UpdateHubSettingsInput:
    name: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    pickup_hours: str | None = strawberry.UNSET
    smtp_url: str | None = strawberry.field(
        default=strawberry.UNSET, description="smtp://user:pass@host:port or smtps://…; never shown back."
    )
    smtp_from: str | None = strawberry.UNSET
    sms_url: str | None = strawberry.UNSET
    sms_token: str | None = strawberry.field(default=strawberry.UNSET, description="Never shown back.")
    whatsapp_url: str | None = strawberry.UNSET
    whatsapp_token: str | None = strawberry.field(default=strawberry.UNSET, description="Never shown back.")


@strawberry.type
class UpdateHubSettingsPayload:
    settings: HubSettingsType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class UpdateHubSettings(BaseMutation[UpdateHubSettingsPayload]):
    name = "updateHubSettings"
    payload = UpdateHubSettingsPayload
    permission = Permission.MANAGE_TENANT

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UpdateHubSettingsPayload:
        given: UpdateHubSettingsInput = arguments["input"]
        fields = {
            name: hub_settings.UNSET if value is strawberry.UNSET else value for name, value in vars(given).items()
        }
        async with call.unit() as work:
            change = await hub_settings.update_settings(
                work.session, call.require_principal(), call.services.keyring, **fields
            )
            # Which fields changed, never their values: URLs and tokens may carry credentials.
            call.target(HUB_SETTINGS_TYPE, change.settings.id, after={"changed": sorted(change.changed)})
            payload = UpdateHubSettingsPayload(settings=HubSettingsType.of(change.settings))
        return payload


async def update_hub_settings(info: Info, input: UpdateHubSettingsInput) -> UpdateHubSettingsPayload:
    return await UpdateHubSettings.run(info, input=input)
