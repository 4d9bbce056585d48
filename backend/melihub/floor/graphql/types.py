"""The floor as GraphQL types."""

from __future__ import annotations

import datetime as dt

import strawberry

from melihub.floor.queries import DayFigures, FloorFigures, SalesFigures
from melihub.graphql.money import Money
from melihub.shipments.exceptions import ShipmentException


@strawberry.type(name="FloorDay", description="One local day, counted up to the time of day it is now.")
class FloorDayType:
    date: dt.date
    orders: int = strawberry.field(description="Orders created, except cancelled or invalid ones.")
    gmv: Money = strawberry.field(description="Sum of totalAmount of those orders whose status is paid.")

    @classmethod
    def of(cls, figures: DayFigures, currency: str) -> FloorDayType:
        return cls(date=figures.day, orders=figures.orders, gmv=Money(amount=figures.gmv, currency=currency))


@strawberry.type(name="FloorSales", description="Today's sales in one currency, beside the 7 days before.")
class FloorSalesType:
    currency: str
    orders: int = strawberry.field(description="Orders created since local midnight, except cancelled or invalid.")
    gmv: Money = strawberry.field(description="Sum of totalAmount of today's orders whose status is paid.")
    days: list[FloorDayType] = strawberry.field(
        description="8 entries, oldest first: the 7 days before today, then today; each from its local "
        "midnight up to the local time of day it is now (like for like)."
    )

    @classmethod
    def of(cls, figures: SalesFigures) -> FloorSalesType:
        today = figures.today
        return cls(
            currency=figures.currency,
            orders=today.orders,
            gmv=Money(amount=today.gmv, currency=figures.currency),
            days=[FloorDayType.of(day, figures.currency) for day in figures.days],
        )


@strawberry.type(
    name="FloorShipmentExceptions",
    description='Shipments with each exception now (docs/graphql.md, "Shipment exceptions"); '
    "shipments(filter: {exception}) lists them.",
)
class FloorShipmentExceptionsType:
    late_to_dispatch: int
    not_delivered: int
    returning: int
    cancelled_after_label: int

    @classmethod
    def of(cls, counts: dict[ShipmentException, int]) -> FloorShipmentExceptionsType:
        return cls(
            late_to_dispatch=counts.get(ShipmentException.LATE_TO_DISPATCH, 0),
            not_delivered=counts.get(ShipmentException.NOT_DELIVERED, 0),
            returning=counts.get(ShipmentException.RETURNING, 0),
            cancelled_after_label=counts.get(ShipmentException.CANCELLED_AFTER_LABEL, 0),
        )


@strawberry.type(name="Floor", description="The operation at a glance, in the tenant's time zone.")
class FloorType:
    time_zone: str = strawberry.field(description="The tenant's IANA time zone; days start at its midnight.")
    generated_at: dt.datetime = strawberry.field(description="The instant these figures describe.")
    sales: list[FloorSalesType] = strawberry.field(
        description="One per currency with orders today or in the 7 days before, by currency."
    )
    shipments_to_dispatch_today: int = strawberry.field(
        description="Open shipments (pending, handling, ready_to_ship) due by the next local midnight, not yet late."
    )
    shipments_late: int = strawberry.field(description="Open shipments whose handlingLimit has passed.")
    unanswered_questions: int
    oldest_unanswered_question_at: dt.datetime | None
    listings_out_of_stock: int = strawberry.field(
        description="Listings at zero stock that are active, or paused with sub-status out_of_stock."
    )
    shipment_exceptions: FloorShipmentExceptionsType = strawberry.field(
        description="Shipments per exception now (lateToDispatch is shipmentsLate)."
    )

    @classmethod
    def of(cls, figures: FloorFigures) -> FloorType:
        return cls(
            time_zone=figures.time_zone,
            generated_at=figures.generated_at,
            sales=[FloorSalesType.of(sales) for sales in figures.sales],
            shipments_to_dispatch_today=figures.shipments_to_dispatch_today,
            shipments_late=figures.shipments_late,
            unanswered_questions=figures.unanswered_questions,
            oldest_unanswered_question_at=figures.oldest_unanswered_question_at,
            listings_out_of_stock=figures.listings_out_of_stock,
            shipment_exceptions=FloorShipmentExceptionsType.of(figures.shipment_exceptions),
        )
