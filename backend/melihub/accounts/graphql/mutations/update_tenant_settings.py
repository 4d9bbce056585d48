"""updateTenantSettings(input: {name, timeZone, questionSlaMinutes, businessHours}): owners and admins change
the company's settings; a change the questions' SLA depends on recomputes their due times in the same unit."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts import service
from melihub.accounts.graphql.types import TENANT_TYPE, BusinessHoursInput, TenantType
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.kpis import zone_change
from melihub.questions import sla_updates

# The audit row names settings as the API does.
API_NAMES = {
    "name": "name",
    "time_zone": "timeZone",
    "question_sla_minutes": "questionSlaMinutes",
    "business_hours": "businessHours",
    "mfa_required": "mfaRequired",
}


@strawberry.input(description="Only the fields given (not null) change.")
class UpdateTenantSettingsInput:
    name: str | None = strawberry.field(default=None, description="The company's display name; not blank.")
    time_zone: str | None = strawberry.field(
        default=None, description="An IANA time zone name, e.g. America/Sao_Paulo (INVALID_TIME_ZONE otherwise)."
    )
    question_sla_minutes: int | None = strawberry.field(
        default=None, description="Minutes a buyer's question may wait for an answer: 1..10080 (INVALID_SLA)."
    )
    business_hours: BusinessHoursInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="The hours the SLA counts in (the tenant's time zone); null clears them: round the clock. "
        "Absent: unchanged. INVALID_BUSINESS_HOURS without unique weekdays or with a start not before the end.",
    )
    mfa_required: bool | None = strawberry.field(
        default=None, description="Every member must sign in with a second factor (TOTP); members without enrol."
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
                work.session,
                call.require_principal(),
                name=given.name,
                time_zone=given.time_zone,
                question_sla_minutes=given.question_sla_minutes,
                business_hours=_hours(given.business_hours),
                mfa_required=given.mfa_required,
            )
            if change.moves_sla:
                await sla_updates.recompute_open(work.session, change.tenant)
            if "time_zone" in change.changed:  # the KPIs' local days follow (a cron rebuilds them)
                await zone_change.record_change(work.session, change.tenant.id, change.changed["time_zone"][0])
            call.target(
                TENANT_TYPE,
                change.tenant.id,
                before={API_NAMES[setting]: old for setting, (old, _) in change.changed.items()},
                after={API_NAMES[setting]: new for setting, (_, new) in change.changed.items()},
            )
        return UpdateTenantSettingsPayload(tenant=TenantType.of(change.tenant))


def _hours(given: BusinessHoursInput | None) -> dict[str, Any] | service.Keep | None:
    if given is strawberry.UNSET:
        return service.Keep.KEEP
    if given is None:
        return None
    return {"days": list(given.days), "start": given.start, "end": given.end}


async def update_tenant_settings(info: Info, input: UpdateTenantSettingsInput) -> UpdateTenantSettingsPayload:
    return await UpdateTenantSettings.run(info, input=input)
