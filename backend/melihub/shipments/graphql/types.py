"""Shipments as GraphQL types."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from melihub.db.base import utcnow
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, then
from melihub.graphql.pagination import SortDirection
from melihub.graphql.relay import Node, global_id, register_node
from melihub.shipments import queries
from melihub.shipments.exceptions import ShipmentException, exception_of
from melihub.shipments.graphql.loaders import order_ids_by_shipment
from melihub.shipments.models import Shipment

SHIPMENT_TYPE = "Shipment"

strawberry.enum(
    ShipmentException,
    name="ShipmentException",
    description='What went wrong with a shipment (docs/graphql.md, "Shipment exceptions"): LATE_TO_DISPATCH '
    "(not handed to the carrier by its handlingLimit), NOT_DELIVERED (not_delivered, or shipped past its "
    "estimated delivery limit), RETURNING (not_delivered on its way back or returned), CANCELLED_AFTER_LABEL "
    "(cancelled after its label was printed).",
)


@strawberry.type(name="Shipment", description="A Mercado Envios shipment: one order, or every order of a pack.")
class ShipmentType(Node):
    ml_id: str = strawberry.field(description="Mercado Livre shipment id (a string: it exceeds 32 bits).")
    meli_account_id: strawberry.ID
    status: str = strawberry.field(description="Mercado Livre status: pending, ready_to_ship, shipped, delivered…")
    substatus: str | None
    mode: str | None
    logistic_type: str | None = strawberry.field(description="fulfillment, cross_docking, drop_off, self_service…")
    tracking_number: str | None
    date_created: datetime | None
    estimated_delivery_limit: datetime | None
    handling_limit: datetime | None = strawberry.field(
        description="When it must be dispatched: Mercado Livre's estimated handling limit, else dateCreated "
        "plus the handling hours of its lead time (null without either)."
    )
    updated_at: datetime = strawberry.field(description="When melihub last stored a change of this shipment.")
    label_printed_at: datetime | None = strawberry.field(
        description="When melihub first knew a label existed: it printed one, or stored the shipment past "
        "ready_to_print (null: no label known)."
    )
    exception: ShipmentException | None = strawberry.field(
        description="The shipment's exception now, null when all is well (at most one applies)."
    )
    _ml_id: strawberry.Private[int]
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(description="Ids of the orders this shipment carries.")
    def order_ids(self, info: Info) -> list[strawberry.ID]:
        ids = load_now(order_ids_by_shipment(self._context or info.context), self._ml_id)
        return then(ids, lambda found: [global_id("Order", order_id) for order_id in found])

    @classmethod
    def of(cls, shipment: Shipment, context: Context | None = None) -> ShipmentType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=global_id(SHIPMENT_TYPE, shipment.id),
            ml_id=str(shipment.ml_id),
            meli_account_id=global_id(ACCOUNT_TYPE, shipment.meli_account_id),
            status=shipment.status,
            substatus=shipment.substatus,
            mode=shipment.mode,
            logistic_type=shipment.logistic_type,
            tracking_number=shipment.tracking_number,
            date_created=shipment.date_created,
            estimated_delivery_limit=shipment.estimated_delivery_limit,
            handling_limit=shipment.handling_limit,
            updated_at=shipment.synced_at,
            label_printed_at=shipment.label_printed_at,
            exception=exception_of(shipment, utcnow()),
            _ml_id=shipment.ml_id,
            _context=context,
        )


@strawberry.input(name="ShipmentFilter")
class ShipmentFilterInput:
    status: list[str] | None = strawberry.field(default=None, description="Any of these Mercado Livre statuses.")
    substatus: list[str] | None = None
    meli_account_ids: list[strawberry.ID] | None = None
    updated_since: datetime | None = strawberry.field(
        default=None, description="Only shipments melihub stored a change of at or after this time."
    )
    exception: list[ShipmentException] | None = strawberry.field(
        default=None, description="Only shipments with any of these exceptions now."
    )


@strawberry.enum(name="ShipmentSortField")
class ShipmentSortField(Enum):
    UPDATED_AT = "UPDATED_AT"
    DATE_CREATED = "DATE_CREATED"
    ESTIMATED_DELIVERY_LIMIT = "ESTIMATED_DELIVERY_LIMIT"


@strawberry.input(name="ShipmentSort", description="Sort by one field; ties are broken by id in the same direction.")
class ShipmentSortInput:
    field: ShipmentSortField = ShipmentSortField.UPDATED_AT
    direction: SortDirection = SortDirection.DESC


register_node(SHIPMENT_TYPE, queries.shipments_by_ids, ShipmentType.of)
