"""updateTenantSettings(input: {name, timeZone}): owners and admins change the company's settings."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import service
from melihub.accounts.graphql.types import TENANT_TYPE, TenantType
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall

# The audit row names settings as the API does.
API_NAMES = {"name": "name", "time_zone": "timeZone"}


@strawberry.input(description="Only the fields given (not null) change.")
class UpdateTenantSettingsInput:
    name: str | None = strawberry.field(default=None, description="The company's display name; not blank.")
    time_zone: str | None = strawberry.field(
        default=None, description="An IANA time zone name, e.g. America/Sao_Paulo (INVALID_TIME_ZONE otherwise)."
    )


@strawberry.type
class UpdateTenantSettingsPayload:
    tenant: TenantType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class UpdateTenantSettings(BaseMutation[UpdateTenantSettingsPayload]):
    name = "updateTenantSettings"
    payload = UpdateTenantSettingsPayload
    permission = Permission.MANAGE_TENANT

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UpdateTenantSettingsPayload:
        given: UpdateTenantSettingsInput = arguments["input"]
        async with call.unit() as work:
            change = await service.update_tenant_settings(
                work.session, call.require_principal(), name=given.name, time_zone=given.time_zone
            )
            call.target(
                TENANT_TYPE,
                change.tenant.id,
                before={API_NAMES[setting]: old for setting, (old, _) in change.changed.items()},
                after={API_NAMES[setting]: new for setting, (_, new) in change.changed.items()},
            )
        return UpdateTenantSettingsPayload(tenant=TenantType.of(change.tenant))


async def update_tenant_settings(info: Info, input: UpdateTenantSettingsInput) -> UpdateTenantSettingsPayload:
    return await UpdateTenantSettings.run(info, input=input)
