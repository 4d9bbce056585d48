"""The hub domain's Query, Mutation and Subscription fields for the schema root."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from melihub.graphql.pagination import Connection
from melihub.hub.graphql.mutations.confirm_pickup import ConfirmPickupPayload, confirm_pickup
from melihub.hub.graphql.mutations.delete_sku_mapping import DeleteSkuMappingPayload, delete_sku_mapping
from melihub.hub.graphql.mutations.receive_hub_volume import ReceiveHubVolumePayload, receive_hub_volume
from melihub.hub.graphql.mutations.resend_ready_notification import (
    ResendReadyNotificationPayload,
    resend_ready_notification,
)
from melihub.hub.graphql.mutations.set_feature_flag import SetFeatureFlagPayload, set_feature_flag
from melihub.hub.graphql.mutations.set_hub_recipient_email import (
    SetHubRecipientEmailPayload,
    set_hub_recipient_email,
)
from melihub.hub.graphql.mutations.set_sku_mapping import SetSkuMappingPayload, set_sku_mapping
from melihub.hub.graphql.mutations.set_status_mapping import SetStatusMappingPayload, set_status_mapping
from melihub.hub.graphql.mutations.update_hub_settings import UpdateHubSettingsPayload, update_hub_settings
from melihub.hub.graphql.resolvers import (
    hub_order_changed,
    resolve_feature_flags,
    resolve_hub_order,
    resolve_hub_orders,
    resolve_hub_settings,
    resolve_sku_mappings,
    resolve_status_mappings,
)
from melihub.hub.graphql.types import FeatureFlagType, HubOrderType, HubSettingsType, SkuMappingType, StatusMappingType


@strawberry.type
class HubQuery:
    hub_order: HubOrderType | None = strawberry.field(resolver=resolve_hub_order, description="A hub order.")
    hub_orders: Connection[HubOrderType] = strawberry.field(
        resolver=resolve_hub_orders, description="The hub's orders, last changed first: the board's columns by status."
    )
    sku_mappings: list[SkuMappingType] = strawberry.field(
        resolver=resolve_sku_mappings, description="Channel SKU → the hub's SKU."
    )
    status_mappings: list[StatusMappingType] = strawberry.field(
        resolver=resolve_status_mappings, description="Channel order status → the hub's, terminal or not."
    )
    hub_settings: HubSettingsType = strawberry.field(
        resolver=resolve_hub_settings, description="What the ready notification says and the company's providers."
    )
    feature_flags: list[FeatureFlagType] = strawberry.field(
        resolver=resolve_feature_flags, description="The company's switches (off unless turned on)."
    )


@strawberry.type
class HubMutation:
    set_feature_flag: SetFeatureFlagPayload = strawberry.mutation(
        resolver=set_feature_flag, description="Turn a company switch on or off (owners and admins; audited)."
    )
    update_hub_settings: UpdateHubSettingsPayload = strawberry.mutation(
        resolver=update_hub_settings,
        description="The hub's name, address, hours and own providers (owners and admins).",
    )
    set_sku_mapping: SetSkuMappingPayload = strawberry.mutation(
        resolver=set_sku_mapping, description="Map a channel SKU; the orders waiting on it are released."
    )
    delete_sku_mapping: DeleteSkuMappingPayload = strawberry.mutation(resolver=delete_sku_mapping)
    set_status_mapping: SetStatusMappingPayload = strawberry.mutation(resolver=set_status_mapping)
    receive_hub_volume: ReceiveHubVolumePayload = strawberry.mutation(
        resolver=receive_hub_volume, description="A volume is at the hub, on a shelf (again: moved)."
    )
    confirm_pickup: ConfirmPickupPayload = strawberry.mutation(
        resolver=confirm_pickup, description="Hand a PRONTO order over once the receiver's document matches."
    )
    resend_ready_notification: ResendReadyNotificationPayload = strawberry.mutation(
        resolver=resend_ready_notification, description="Tell the buyer once more that a PRONTO order awaits."
    )
    set_hub_recipient_email: SetHubRecipientEmailPayload = strawberry.mutation(
        resolver=set_hub_recipient_email, description="The address for the ready e-mail (Mercado Livre gives none)."
    )


@strawberry.type
class HubSubscription:
    hub_order_changed: AsyncGenerator[HubOrderType, None] = strawberry.subscription(
        resolver=hub_order_changed, description="Hub orders as they change (the live board)."
    )
