"""The customer-month rollup: one row per buyer, account, currency and local month with counted orders.

Counted orders and GMV are defined as for the sales KPIs (docs/kpis.md): status ``paid`` or
``partially_refunded``, GMV ``total_amount`` minus what its payments refunded (capped at the total).
``month`` is the first day of the month of ``orders.date_created`` in the tenant's time zone; a row is
always recomputed from the buyer's raw orders on the account, never incremented.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import TenantOwned, money, timestamp


class CustomerMonth(TenantOwned, table=True):
    __tablename__ = "customer_months"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "buyer_ml_id", "currency_id", "month"),
        Index("ix_customer_months_account_month", "tenant_id", "meli_account_id", "month"),
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    buyer_ml_id: int = Field(sa_type=BigInteger, nullable=False)
    currency_id: str = Field(sa_type=Text, nullable=False)
    month: date = Field(sa_type=Date, nullable=False)
    orders: int = Field(sa_type=Integer, nullable=False)
    gmv: Decimal = money(nullable=False)
    first_order_at: datetime = timestamp(nullable=False)
    last_order_at: datetime = timestamp(nullable=False)
