"""setStatusMapping(input): what a channel status means to the hub, and whether it closes the order."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import mappings
from melihub.hub.graphql.types import STATUS_MAPPING_TYPE, StatusMappingType


@strawberry.input
class SetStatusMappingInput:
    external_status: str = strawberry.field(description="The channel's order status (paid, cancelled…).")
    internal_status: str
    terminal: bool = strawberry.field(default=False, description="Closes the order: it never becomes PRONTO.")
    channel: str = "ML"


@strawberry.type
class SetStatusMappingPayload:
    mapping: StatusMappingType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetStatusMapping(BaseMutation[SetStatusMappingPayload]):
    name = "setStatusMapping"
    payload = SetStatusMappingPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetStatusMappingPayload:
        given: SetStatusMappingInput = arguments["input"]
        async with call.unit() as work:
            mapping = await mappings.set_status_mapping(
                work.session,
                call.require_principal(),
                channel=given.channel,
                external_status=given.external_status,
                internal_status=given.internal_status,
                terminal=given.terminal,
            )
            after = {
                "externalStatus": mapping.external_status,
                "internalStatus": mapping.internal_status,
                "terminal": mapping.terminal,
            }
            call.target(STATUS_MAPPING_TYPE, mapping.id, after=after)
        return SetStatusMappingPayload(mapping=StatusMappingType.of(mapping))


async def set_status_mapping(info: Info, input: SetStatusMappingInput) -> SetStatusMappingPayload:
    return await SetStatusMapping.run(info, input=input)
