"""Stock periods and daily visits of a listing: the raw history the stock and funnel metrics read.

A **stock period** is a stretch of time a listing (``variation_ml_id`` null) or one of its variations
held the same ``available_quantity``: ``since`` until ``until`` (null while it lasts). A listing has at
most one open period per variation (and one of its own); a stock change closes it and opens the next.

A **visit day** is Mercado Livre's count of a listing's (unique per day) visits on one date, as
``/items/visits`` answers it: fetched again, it is overwritten, never added to.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, UniqueConstraint, text
from sqlmodel import Field

from melihub.db.base import TenantOwned, bigint, timestamp


class StockPeriod(TenantOwned, table=True):
    __tablename__ = "stock_periods"
    __table_args__ = (
        # One open period per listing and variation (0 standing for the listing itself).
        Index(
            "ux_stock_periods_open",
            "tenant_id",
            "listing_id",
            text("coalesce(variation_ml_id, 0)"),
            unique=True,
            postgresql_where=text("until IS NULL"),
        ),
        # The metrics read an account's periods overlapping a range.
        Index("ix_stock_periods_account_since", "tenant_id", "meli_account_id", "since"),
        Index("ix_stock_periods_listing_since", "tenant_id", "listing_id", "since"),
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    listing_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, ondelete="CASCADE")
    variation_ml_id: int | None = bigint()
    quantity: int = Field(sa_type=Integer, nullable=False)
    since: datetime = timestamp(default_now=True)
    until: datetime | None = timestamp()


class ListingVisitDay(TenantOwned, table=True):
    __tablename__ = "listing_visit_days"
    __table_args__ = (
        UniqueConstraint("tenant_id", "listing_id", "day"),
        Index("ix_listing_visit_days_account_day", "tenant_id", "meli_account_id", "day"),
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    listing_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, ondelete="CASCADE")
    day: date = Field(sa_type=Date, nullable=False)
    visits: int = Field(sa_type=BigInteger, nullable=False)
    fetched_at: datetime = timestamp(default_now=True)
