"""Shipment exceptions: what went wrong with a shipment, from its status, dates and label (docs/graphql.md).

Each rule exists twice, side by side: in Python (:func:`exception_of`, the ``Shipment.exception`` field)
and in SQL (:func:`exception_condition`, the ``shipments`` filter and the floor's counts);
``tests/shipments/test_exceptions.py`` holds both to the same answers. The exceptions exclude each other
(they read different statuses), so a shipment has at most one:

- ``LATE_TO_DISPATCH``: still to hand to the carrier (``pending``, ``handling``, ``ready_to_ship``) and its
  ``handling_limit`` has passed (the floor's ``shipmentsLate``);
- ``RETURNING``: ``not_delivered`` with a return substatus (on its way back, back at a hub, or returned);
- ``NOT_DELIVERED``: ``not_delivered`` for any other reason (lost, stolen, damaged, retained…), or
  ``shipped`` past its ``estimated_delivery_limit``;
- ``CANCELLED_AFTER_LABEL``: ``cancelled`` after a label was printed (``label_printed_at``): a package
  may already be packed, or handed over, for a sale that no longer exists.

The last three concern shipments Mercado Livre changed in the last :data:`WINDOW` (``ml_last_updated``, or
when melihub stored it without one): older ones are history, not work. The substatus lists are our reading
of reference §7.2, which says they are long and grow (unsure).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import and_, false, func, or_
from sqlmodel import col

from melihub.shipments.models import OPEN_STATUSES, Shipment

WINDOW = timedelta(days=30)
RETURN_SUBSTATUSES = ("returning_to_sender", "returned_to_hub", "returned")
# ready_to_ship substatuses that follow the first print (reference §7.2, §7.3): a label exists.
LABEL_SUBSTATUSES = ("printed", "in_pickup_list", "picked_up", "in_hub", "ready_for_dropoff")


class ShipmentException(Enum):
    LATE_TO_DISPATCH = "LATE_TO_DISPATCH"
    NOT_DELIVERED = "NOT_DELIVERED"
    RETURNING = "RETURNING"
    CANCELLED_AFTER_LABEL = "CANCELLED_AFTER_LABEL"


def has_label(status: str, substatus: str | None) -> bool:
    """Whether a shipment in this state has had its label printed (the applier records when it sees one)."""
    return status == "ready_to_ship" and substatus in LABEL_SUBSTATUSES


def _changed_at(shipment: Shipment) -> datetime:
    return shipment.ml_last_updated or shipment.synced_at


def exception_of(shipment: Shipment, now: datetime) -> ShipmentException | None:
    """The shipment's exception at ``now``, None when all is well (the SQL twin: :func:`exception_condition`)."""
    status = shipment.status
    if status in OPEN_STATUSES:
        late = shipment.handling_limit is not None and shipment.handling_limit < now
        return ShipmentException.LATE_TO_DISPATCH if late else None
    if _changed_at(shipment) < now - WINDOW:
        return None
    if status == "not_delivered":
        returning = shipment.substatus in RETURN_SUBSTATUSES
        return ShipmentException.RETURNING if returning else ShipmentException.NOT_DELIVERED
    limit = shipment.estimated_delivery_limit
    if status == "shipped" and limit is not None and limit < now:
        return ShipmentException.NOT_DELIVERED
    if status == "cancelled" and shipment.label_printed_at is not None:
        return ShipmentException.CANCELLED_AFTER_LABEL
    return None


def exception_condition(exception: ShipmentException, now: datetime) -> Any:
    """SQL: the shipment has ``exception`` at ``now`` (the Python twin: :func:`exception_of`)."""
    status, substatus = col(Shipment.status), col(Shipment.substatus)
    if exception is ShipmentException.LATE_TO_DISPATCH:
        return and_(status.in_(OPEN_STATUSES), col(Shipment.handling_limit) < now)
    recent = func.coalesce(col(Shipment.ml_last_updated), col(Shipment.synced_at)) >= now - WINDOW
    returning = func.coalesce(substatus.in_(RETURN_SUBSTATUSES), false())
    if exception is ShipmentException.RETURNING:
        return and_(recent, status == "not_delivered", returning)
    if exception is ShipmentException.NOT_DELIVERED:
        overdue = and_(status == "shipped", col(Shipment.estimated_delivery_limit) < now)
        return and_(recent, or_(and_(status == "not_delivered", ~returning), overdue))
    return and_(recent, status == "cancelled", col(Shipment.label_printed_at).is_not(None))


def any_exception_condition(exceptions: list[ShipmentException], now: datetime) -> Any:
    """SQL: the shipment has one of ``exceptions`` at ``now``."""
    return or_(*(exception_condition(exception, now) for exception in dict.fromkeys(exceptions)))
