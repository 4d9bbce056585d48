"""setFeatureFlag(key, enabled): turn a per-company switch on or off (integracao.ml.enabled, hub.enabled)."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import flags
from melihub.hub.graphql.types import FeatureFlagType


@strawberry.type
class SetFeatureFlagPayload:
    flags: list[FeatureFlagType] = strawberry.field(default_factory=list, description="Every flag, after the change.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetFeatureFlag(BaseMutation[SetFeatureFlagPayload]):
    name = "setFeatureFlag"
    payload = SetFeatureFlagPayload
    permission = Permission.MANAGE_TENANT

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetFeatureFlagPayload:
        principal = call.require_principal()
        key, enabled = arguments["key"], arguments["enabled"]
        async with call.unit() as work:
            before = (await flags.flags_of(work.session, principal.tenant_id)).get(flags.parse_flag(key), False)
            row = await flags.set_flag(work.session, principal, key, enabled)
            call.target(
                flags.FLAG_TYPE, row.id, before={"key": key, "enabled": before}, after={"key": key, "enabled": enabled}
            )
            found = await flags.flags_of(work.session, principal.tenant_id)
        return SetFeatureFlagPayload(flags=[FeatureFlagType(key=f.value, enabled=on) for f, on in found.items()])


async def set_feature_flag(info: Info, key: str, enabled: bool) -> SetFeatureFlagPayload:
    return await SetFeatureFlag.run(info, key=key, enabled=enabled)
