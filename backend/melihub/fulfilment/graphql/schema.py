"""The fulfilment domain's Query and Mutation fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.fulfilment.graphql.mutations.mark_packed import MarkPackedPayload, mark_packed
from melihub.fulfilment.graphql.mutations.mark_picked import MarkPickedPayload, mark_picked
from melihub.fulfilment.graphql.mutations.print_shipping_labels import (
    PrintShippingLabelsPayload,
    print_shipping_labels,
)
from melihub.fulfilment.graphql.resolvers import resolve_pick_list
from melihub.fulfilment.graphql.types import PickListType


@strawberry.type
class FulfilmentQuery:
    pick_list: PickListType = strawberry.field(
        resolver=resolve_pick_list,
        description="What to pick for these shipments: lines by listing, variation and SKU, and a printable PDF.",
    )


@strawberry.type
class FulfilmentMutation:
    mark_picked: MarkPickedPayload = strawberry.mutation(
        resolver=mark_picked,
        description="Mark orders picked: each id (order or shipment) moves its whole pack from TO_PICK to PICKED.",
    )
    mark_packed: MarkPackedPayload = strawberry.mutation(
        resolver=mark_packed,
        description="Mark orders packed: each id moves its whole pack from TO_PICK or PICKED to PACKED.",
    )
    print_shipping_labels: PrintShippingLabelsPayload = strawberry.mutation(
        resolver=print_shipping_labels,
        description="Print Mercado Livre's labels of these shipments into one file behind a short-lived URL; "
        "shipments that cannot print come back in errors, each with its reason.",
    )
