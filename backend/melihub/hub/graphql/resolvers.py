"""hubOrders, hubOrder(id), skuMappings, statusMappings, featureFlags and hubOrderChanged."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.live import changes
from melihub.graphql.pagination import Connection, PageArgs, node_by_id, page_of
from melihub.graphql.relay import register_node
from melihub.hub import flags, hub_settings, queries
from melihub.hub.flows import HUB_ORDER_CHANGE
from melihub.hub.graphql.types import (
    NOTIFICATION_TYPE,
    SKU_MAPPING_TYPE,
    STATUS_MAPPING_TYPE,
    FeatureFlagType,
    HubNotificationType,
    HubOrderStatusEnum,
    HubOrderType,
    HubSettingsType,
    HubVolumeType,
    SkuMappingType,
    StatusMappingType,
)
from melihub.hub.service import HUB_ORDER_TYPE, HUB_VOLUME_TYPE

# The board follows its own changes and the Mercado Livre orders and shipments its orders come from.
WATCHED = {HUB_ORDER_CHANGE, "order", "shipment"}


@strawberry.input(name="HubOrderFilter")
class HubOrderFilterInput:
    statuses: list[HubOrderStatusEnum] | None = None
    mapping_needed: bool | None = strawberry.field(
        default=None, description="True: only the orders waiting in mapeamento necessário; false: none of them."
    )
    search: str | None = strawberry.field(
        default=None,
        description="The order code's start; for roles that hand orders over, also the recipient's name or document.",
    )


async def resolve_hub_order(info: Info, id: strawberry.ID) -> HubOrderType | None:
    return await node_by_id(info, id, HUB_ORDER_TYPE, queries.get_hub_order, HubOrderType.of)


async def resolve_hub_orders(
    info: Info,
    filter: HubOrderFilterInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[HubOrderType]:
    async def filters() -> queries.HubOrderFilter:
        if filter is None:
            return queries.HubOrderFilter()
        statuses = [status.value for status in filter.statuses] if filter.statuses else None
        return queries.HubOrderFilter(statuses, filter.mapping_needed, filter.search)

    args = PageArgs(first, after, last, before)
    return await page_of(info, queries.list_hub_orders, filters, HubOrderType.of, args, queries.newest_first())


async def resolve_sku_mappings(info: Info) -> list[SkuMappingType]:
    principal = info.context.require()
    async with info.context.session() as session:
        return [SkuMappingType.of(row) for row in await queries.sku_mappings(session, principal)]


async def resolve_status_mappings(info: Info) -> list[StatusMappingType]:
    principal = info.context.require()
    async with info.context.session() as session:
        return [StatusMappingType.of(row) for row in await queries.status_mappings(session, principal)]


async def resolve_feature_flags(info: Info) -> list[FeatureFlagType]:
    principal = info.context.require()
    async with info.context.session() as session:
        found = await flags.flags_of(session, principal.tenant_id)
    return [FeatureFlagType(key=flag.value, enabled=enabled) for flag, enabled in found.items()]


async def resolve_hub_settings(info: Info) -> HubSettingsType:
    principal = info.context.require()
    async with info.context.session() as session:
        return HubSettingsType.of(await hub_settings.settings_of(session, principal.tenant_id))


async def hub_order_changed(
    info: Info, meli_account_ids: list[strawberry.ID] | None = None
) -> AsyncGenerator[HubOrderType, None]:
    async for change, context in changes(info, WATCHED, meli_account_ids):
        try:
            changed_id = uuid.UUID(change.id)
        except ValueError:
            continue
        async with context.session() as session:
            principal = context.require()
            if change.type == HUB_ORDER_CHANGE:
                found = await queries.hub_orders_by_ids(session, principal, [changed_id])
            else:
                orders, shipments = ([changed_id], []) if change.type == "order" else ([], [changed_id])
                found = await queries.hub_orders_of_changes(session, principal, orders, shipments)
        for row in found:
            yield HubOrderType.of(row)


register_node(HUB_ORDER_TYPE, queries.hub_orders_by_ids, HubOrderType.of)
register_node(HUB_VOLUME_TYPE, queries.volumes_by_ids, HubVolumeType.of)
register_node(NOTIFICATION_TYPE, queries.notifications_by_ids, HubNotificationType.of)
register_node(SKU_MAPPING_TYPE, queries.sku_mappings_by_ids, SkuMappingType.of)
register_node(STATUS_MAPPING_TYPE, queries.status_mappings_by_ids, StatusMappingType.of)
