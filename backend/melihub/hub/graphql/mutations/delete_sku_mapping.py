"""deleteSkuMapping(id): the open orders with that SKU wait in mapeamento necessário again."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.hub import flows, mappings
from melihub.hub.graphql.types import SKU_MAPPING_TYPE, HubOrderType


@strawberry.type
class DeleteSkuMappingPayload:
    deleted_id: strawberry.ID | None = None
    orders: list[HubOrderType] = strawberry.field(default_factory=list, description="The open orders it held.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class DeleteSkuMapping(BaseMutation[DeleteSkuMappingPayload]):
    name = "deleteSkuMapping"
    payload = DeleteSkuMappingPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> DeleteSkuMappingPayload:
        mapping_id = call.id_of("id", arguments["id"], SKU_MAPPING_TYPE)
        async with call.unit() as work:
            mapping, orders = await mappings.delete_sku_mapping(work.session, call.require_principal(), mapping_id)
            before = {
                "channel": mapping.channel,
                "externalSku": mapping.external_sku,
                "internalSku": mapping.internal_sku,
            }
            call.target(SKU_MAPPING_TYPE, mapping.id, before=before)
            flows.after_commit(call.services, work, orders, deliver=False)
            payload = DeleteSkuMappingPayload(deleted_id=arguments["id"], orders=[HubOrderType.of(o) for o in orders])
        return payload


async def delete_sku_mapping(info: Info, id: strawberry.ID) -> DeleteSkuMappingPayload:
    return await DeleteSkuMapping.run(info, id=id)
