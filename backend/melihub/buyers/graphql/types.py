"""Cohort and RFM segment types."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from melihub.buyers.queries import CohortData, RfmSegmentData, RfmSegmentKey
from melihub.graphql.money import Money

RfmSegmentKeyEnum = strawberry.enum(
    RfmSegmentKey, name="RfmSegmentKey", description="A segment of the classic RFM grid (docs/kpis.md, Buyers)."
)


@strawberry.type(description="The share of a cohort that bought again some months after its first month.")
class CohortCell:
    months_after: int = strawberry.field(description="0 is the cohort's own month.")
    customers: int = strawberry.field(description="Customers of the cohort with a counted order that month.")
    rate: Decimal = strawberry.field(description="customers / the cohort's customers (0..1).")


@strawberry.type(description="Customers by the month of their first counted order on the selected accounts.")
class Cohort:
    month: dt.date = strawberry.field(description="The first day of the cohort's month, in the tenant's zone.")
    customers: int
    retention: list[CohortCell] = strawberry.field(description="One cell per month from the cohort's to now.")

    @classmethod
    def of(cls, data: CohortData) -> Cohort:
        cells = [CohortCell(months_after=c.months_after, customers=c.customers, rate=c.rate) for c in data.retention]
        return cls(month=data.month, customers=data.customers, retention=cells)


@strawberry.type(description="Customers of one RFM segment (one per buyer and currency they bought in).")
class RfmSegment:
    segment: RfmSegmentKey
    customers: int
    share: Decimal = strawberry.field(description="customers / every scored customer (0..1).")
    monetary: list[Money] = strawberry.field(description="The segment's GMV, per currency.")
    average_recency_days: Decimal | None = strawberry.field(description="Days since the last counted order.")
    average_frequency: Decimal | None = strawberry.field(description="Counted orders per customer.")

    @classmethod
    def of(cls, data: RfmSegmentData) -> RfmSegment:
        return cls(
            segment=data.segment,
            customers=data.customers,
            share=data.share,
            monetary=[Money(amount=amount, currency=currency) for currency, amount in sorted(data.monetary.items())],
            average_recency_days=data.average_recency_days,
            average_frequency=data.average_frequency,
        )
