"""Named DataLoaders of the hub (one SQL statement per batch, per request or subscription event)."""

from __future__ import annotations

import uuid

from strawberry.dataloader import DataLoader

from melihub.graphql.context import Context
from melihub.graphql.loaders import all_per_key
from melihub.hub import queries
from melihub.hub.models import HubNotification, HubOrderLine, HubVolume


def lines_of(context: Context) -> DataLoader[uuid.UUID, list[HubOrderLine]]:
    return all_per_key(context, "hub_lines_by_order", queries.lines_of_orders, _order_of)


def volumes_of(context: Context) -> DataLoader[uuid.UUID, list[HubVolume]]:
    return all_per_key(context, "hub_volumes_by_order", queries.volumes_of_orders, _order_of)


def notifications_of(context: Context) -> DataLoader[uuid.UUID, list[HubNotification]]:
    return all_per_key(context, "hub_notifications_by_order", queries.notifications_of_orders, _order_of)


def _order_of(row: HubOrderLine | HubVolume | HubNotification) -> uuid.UUID:
    return row.hub_order_id
