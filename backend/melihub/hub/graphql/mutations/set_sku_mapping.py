"""setSkuMapping(input): map a channel SKU to the hub's SKU; the orders waiting on it are released."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import flows, mappings
from melihub.hub.graphql.types import SKU_MAPPING_TYPE, HubOrderType, SkuMappingType


@strawberry.input
class SetSkuMappingInput:
    external_sku: str = strawberry.field(description="The channel's SKU (a listing's id when it has none).")
    internal_sku: str
    channel: str = strawberry.field(default="ML", description="Only ML for now.")


@strawberry.type
class SetSkuMappingPayload:
    mapping: SkuMappingType | None = None
    orders: list[HubOrderType] = strawberry.field(
        default_factory=list, description="The open orders with this SKU, mapped again (released when complete)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetSkuMapping(BaseMutation[SetSkuMappingPayload]):
    name = "setSkuMapping"
    payload = SetSkuMappingPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetSkuMappingPayload:
        given: SetSkuMappingInput = arguments["input"]
        async with call.unit() as work:
            mapping, orders = await mappings.set_sku_mapping(
                work.session,
                call.require_principal(),
                channel=given.channel,
                external_sku=given.external_sku,
                internal_sku=given.internal_sku,
            )
            after = {
                "channel": mapping.channel,
                "externalSku": mapping.external_sku,
                "internalSku": mapping.internal_sku,
            }
            call.target(SKU_MAPPING_TYPE, mapping.id, after=after)
            flows.after_commit(call.services, work, orders, deliver=True)
            payload = SetSkuMappingPayload(
                mapping=SkuMappingType.of(mapping), orders=[HubOrderType.of(o) for o in orders]
            )
        return payload


async def set_sku_mapping(info: Info, input: SetSkuMappingInput) -> SetSkuMappingPayload:
    return await SetSkuMapping.run(info, input=input)
