"""setRawPayloadRetention(days): how long processed notifications keep their raw payload (0: kept)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.graphql.types import TENANT_TYPE
from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.privacy import retention
from melihub.privacy.graphql.types import PrivacySettingsType


@strawberry.type
class SetRawPayloadRetentionPayload:
    privacy_settings: PrivacySettingsType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetRawPayloadRetention(BaseMutation[SetRawPayloadRetentionPayload]):
    name = "setRawPayloadRetention"
    payload = SetRawPayloadRetentionPayload
    permission = Permission.MANAGE_PERSONAL_DATA

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetRawPayloadRetentionPayload:
        principal = call.require_principal()
        async with call.unit() as work:
            before = await retention.retention_days(work.session)
            days = await retention.set_retention_days(work.session, principal, arguments["days"])
            call.target(
                TENANT_TYPE,
                principal.tenant_id,
                before={"rawPayloadRetentionDays": before},
                after={"rawPayloadRetentionDays": days},
            )
        return SetRawPayloadRetentionPayload(privacy_settings=PrivacySettingsType(raw_payload_retention_days=days))


async def set_raw_payload_retention(info: Info, days: int) -> SetRawPayloadRetentionPayload:
    return await SetRawPayloadRetention.run(info, days=days)
