"""An order's fulfilment state: melihub's own pick and pack marks, then Mercado Livre's order and shipment status.

The rule, first match wins (docs/graphql.md, "Fulfilment and labels"):

1. ``CANCELLED``: the order is ``cancelled`` or ``invalid``, or its shipment is ``cancelled``;
2. ``DELIVERED``: its shipment is ``delivered`` (without a shipment: the order carries the ``delivered`` tag);
3. ``SHIPPED``: its shipment is ``shipped`` or ``not_delivered`` (it left the seller: what happens next is
   the shipment's exception, not the bench's work);
4. ``PACKED``: melihub marked it packed;
5. ``PICKED``: melihub marked it picked;
6. ``TO_PICK``: otherwise — an order still awaiting payment is ``TO_PICK`` too, though marking refuses it.

It exists twice, side by side: :func:`state_of` (the ``Order.fulfilment`` field) and :func:`state_column`
(the ``orders`` filter, in SQL); ``tests/fulfilment/test_states.py`` holds both to the same answers.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import and_, any_, case, literal
from sqlalchemy.orm import aliased
from sqlmodel import col

from melihub.orders.models import Order
from melihub.shipments.models import Shipment

CANCELLED_ORDER_STATUSES = ("cancelled", "invalid")
SHIPPED_STATUSES = ("shipped", "not_delivered")
DELIVERED_TAG = "delivered"


class FulfilmentState(Enum):
    TO_PICK = "TO_PICK"
    PICKED = "PICKED"
    PACKED = "PACKED"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"


def state_of(
    order_status: str,
    tags: list[str],
    picked_at: datetime | None,
    packed_at: datetime | None,
    shipment_status: str | None,
) -> FulfilmentState:
    """The state of an order from its own fields and its shipment's status (None: no shipment held)."""
    if order_status in CANCELLED_ORDER_STATUSES or shipment_status == "cancelled":
        return FulfilmentState.CANCELLED
    if shipment_status == "delivered" or (shipment_status is None and DELIVERED_TAG in tags):
        return FulfilmentState.DELIVERED
    if shipment_status in SHIPPED_STATUSES:
        return FulfilmentState.SHIPPED
    if packed_at is not None:
        return FulfilmentState.PACKED
    if picked_at is not None:
        return FulfilmentState.PICKED
    return FulfilmentState.TO_PICK


def order_state(order: Order, shipment_status: str | None) -> FulfilmentState:
    return state_of(order.status, list(order.tags), order.picked_at, order.packed_at, shipment_status)


def with_shipment_status(query: Any) -> tuple[Any, Any]:
    """``query`` (a SELECT of orders) joined to each order's shipment, and that shipment's status column
    (NULL without one): the join walks the shipments' unique ``(tenant_id, ml_id)``, one row per order."""
    shipment = aliased(Shipment, name="order_shipment")
    joined = query.outerjoin(
        shipment,
        and_(col(shipment.tenant_id) == col(Order.tenant_id), col(shipment.ml_id) == col(Order.shipment_ml_id)),
    )
    return joined, col(shipment.status)


def state_column(shipment_status: Any) -> Any:
    """SQL: the order's state as the enum's text, given its shipment's status column (the Python twin:
    :func:`state_of`)."""
    delivered_tag = any_(col(Order.tags)) == DELIVERED_TAG
    return case(
        (col(Order.status).in_(CANCELLED_ORDER_STATUSES), literal(FulfilmentState.CANCELLED.value)),
        (shipment_status == "cancelled", literal(FulfilmentState.CANCELLED.value)),
        (shipment_status == "delivered", literal(FulfilmentState.DELIVERED.value)),
        (shipment_status.is_(None) & delivered_tag, literal(FulfilmentState.DELIVERED.value)),
        (shipment_status.in_(SHIPPED_STATUSES), literal(FulfilmentState.SHIPPED.value)),
        (col(Order.packed_at).is_not(None), literal(FulfilmentState.PACKED.value)),
        (col(Order.picked_at).is_not(None), literal(FulfilmentState.PICKED.value)),
        else_=literal(FulfilmentState.TO_PICK.value),
    )
