"""KPI rollups: per tenant, Mercado Livre account (and currency for money) and UTC hour; listings per local day.

Every row is **recomputed** from the raw rows of its bucket (``melihub.kpis.upkeep``, ``melihub.kpis.rebuild``),
never incremented, so a replayed or out-of-order event cannot count twice. docs/kpis.md defines each column.
Readers of ``kpi_listing_days`` (the stock and funnel metrics, top listings) join ``items`` on
``(tenant_id, ml_id = item_ml_id)``; its days are local days of the tenant's time zone when it was written
(a changed zone needs ``melihub kpis rebuild``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, DateTime, Index, Integer, Numeric, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field

from melihub.db.base import TenantOwned, timestamp

ROLLUP_MONEY = Numeric(18, 2)
# The rollups the rebuild replaces slice by slice (and locks against upkeep while it does).
SLICED_ROLLUPS = (
    "kpi_sales_hours",
    "kpi_sales_days",
    "kpi_listing_days",
    "kpi_account_days",
    "kpi_logistics_hours",
    "kpi_logistics_days",
    "kpi_service_hours",
    "kpi_service_days",
)
# Every table the KPI upkeep writes: what a rebuild from nothing starts from when these are emptied.
ROLLUP_TABLES = (*SLICED_ROLLUPS, "kpi_first_replies", "kpi_counted_hours")


def _count() -> int:
    return Field(default=0, sa_type=Integer, nullable=False)


def _seconds() -> int:
    return Field(default=0, sa_type=BigInteger, nullable=False)


def _amount() -> Decimal:
    return Field(default=Decimal("0"), sa_type=ROLLUP_MONEY, nullable=False)


def _account() -> uuid.UUID:
    return Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")


def _hour() -> datetime:
    return Field(sa_type=DateTime(timezone=True), nullable=False)


def _day() -> date:
    return Field(sa_type=Date, nullable=False)


class SalesFigures(TenantOwned):
    """What ``kpi_sales_hours`` and ``kpi_sales_days`` hold per account and currency."""

    meli_account_id: uuid.UUID = _account()
    currency_id: str = Field(sa_type=Text, nullable=False)
    orders: int = _count()  # counted orders (paid, partially_refunded)
    units: int = _count()  # order_items.quantity of counted orders
    gmv: Decimal = _amount()  # total_amount - refunded of counted orders
    sales: int = _count()  # counted sales (a pack once, at its earliest counted order): the ticket's divisor
    cancelled: int = _count()
    refunds: int = _count()  # orders (any status) with refunded > 0
    refunded_amount: Decimal = _amount()


class LogisticsFigures(TenantOwned):
    """What ``kpi_logistics_hours`` and ``kpi_logistics_days`` hold per account."""

    meli_account_id: uuid.UUID = _account()
    dispatched: int = _count()
    dispatched_on_time: int = _count()  # shipped_at <= handling_limit
    handling_seconds: int = _seconds()  # sum of shipped_at - date_created of the dispatched
    dispatched_late: int = _count()  # shipped_at > handling_limit
    not_delivered: int = _count()  # status not_delivered
    returns: int = _count()  # status returned, or substatus returning…/returned…


class ServiceFigures(TenantOwned):
    """What ``kpi_service_hours`` and ``kpi_service_days`` hold per account."""

    meli_account_id: uuid.UUID = _account()
    questions_answered: int = _count()  # by answered_at
    answered_within_sla: int = _count()  # answered_at <= sla_due_at
    response_seconds: int = _seconds()
    questions_asked: int = _count()  # by date_created
    first_replies: int = _count()  # kpi_first_replies by reply_at
    first_reply_seconds: int = _seconds()


class SalesHour(SalesFigures, table=True):
    """Orders created in one UTC hour, per account and currency (bucket: ``orders.date_created``)."""

    __tablename__ = "kpi_sales_hours"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "currency_id", "hour"),
        Index("ix_kpi_sales_hours_tenant_hour", "tenant_id", "hour"),  # a report's range, over every account
    )

    hour: datetime = _hour()


class LogisticsHour(LogisticsFigures, table=True):
    """Dispatched shipments per account and UTC hour of ``shipped_at``."""

    __tablename__ = "kpi_logistics_hours"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "hour"),
        Index("ix_kpi_logistics_hours_tenant_hour", "tenant_id", "hour"),
    )

    hour: datetime = _hour()


class ServiceHour(ServiceFigures, table=True):
    """Questions and post-sale first replies per account and UTC hour."""

    __tablename__ = "kpi_service_hours"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "hour"),
        Index("ix_kpi_service_hours_tenant_hour", "tenant_id", "hour"),
    )

    hour: datetime = _hour()


# The day tables: their hours summed over the hours that start on one local day (melihub.kpis.day_rollups).


class SalesDay(SalesFigures, table=True):
    __tablename__ = "kpi_sales_days"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "currency_id", "day"),
        Index("ix_kpi_sales_days_tenant_day", "tenant_id", "day"),
    )

    day: date = _day()


class LogisticsDay(LogisticsFigures, table=True):
    __tablename__ = "kpi_logistics_days"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "day"),
        Index("ix_kpi_logistics_days_tenant_day", "tenant_id", "day"),
    )

    day: date = _day()


class ServiceDay(ServiceFigures, table=True):
    __tablename__ = "kpi_service_days"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "day"),
        Index("ix_kpi_service_days_tenant_day", "tenant_id", "day"),
    )

    day: date = _day()


class ListingDay(TenantOwned, table=True):
    """One listing's sales and questions on one local day of the tenant, per currency.

    Questions have no currency: they are counted on the row whose ``currency_id`` is ``''`` (whose sales
    columns are then 0). ``gmv`` is each counted order's GMV shared among its lines by line amount.
    """

    __tablename__ = "kpi_listing_days"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "item_ml_id", "day", "currency_id"),
        Index("ix_kpi_listing_days_tenant_day", "tenant_id", "day"),
        Index("ix_kpi_listing_days_account_day", "tenant_id", "meli_account_id", "day"),  # an account day's sums
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    item_ml_id: str = Field(sa_type=Text, nullable=False)
    day: date = Field(sa_type=Date, nullable=False)
    currency_id: str = Field(sa_type=Text, nullable=False)
    units: int = _count()
    orders: int = _count()
    gmv: Decimal = _amount()
    questions_asked: int = _count()


class AccountDay(TenantOwned, table=True):
    """The sums of one account's ``kpi_listing_days`` on one local day, over every listing and currency.

    A report of months reads a few rows a day here instead of one per listing that sold (bench/kpis: the
    stock and funnel readers of a 12-month report read ≈ 1,000,000 listing days). Recomputed from the
    listing days whenever one of them is (``melihub.kpis.account_days``).
    """

    __tablename__ = "kpi_account_days"
    __table_args__ = (UniqueConstraint("tenant_id", "meli_account_id", "day"),)

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    day: date = Field(sa_type=Date, nullable=False)
    units: int = _count()
    orders: int = _count()  # an order counts once for each listing it holds, as in kpi_listing_days
    questions_asked: int = _count()


class KpiZone(TenantOwned, table=True):
    """The zone a tenant's day-keyed rollups are in (no row: its current zone), and the rebuild under way
    after its zone changed (``melihub.kpis.zone_change``)."""

    __tablename__ = "kpi_zones"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    time_zone: str | None = Field(default=None, sa_type=Text)
    rebuilding_zone: str | None = Field(default=None, sa_type=Text)
    rebuild_from: date | None = Field(default=None, sa_type=Date)  # the next local day the rebuild does


class FirstReply(TenantOwned, table=True):
    """A post-sale thread's first seller reply after its first buyer message (from ``messages``)."""

    __tablename__ = "kpi_first_replies"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meli_account_id", "thread_ml_id"),
        Index("ix_kpi_first_replies_tenant_reply", "tenant_id", "reply_at"),
    )

    meli_account_id: uuid.UUID = Field(foreign_key="meli_accounts.id", nullable=False, ondelete="CASCADE")
    thread_ml_id: int = Field(sa_type=BigInteger, nullable=False)
    buyer_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    reply_at: datetime | None = timestamp()  # None: the buyer still waits
    reply_seconds: int | None = Field(default=None, sa_type=BigInteger)


class CountedHours(TenantOwned, table=True):
    """The hours a question was last counted in, so upkeep also recomputes the hour it left."""

    __tablename__ = "kpi_counted_hours"
    __table_args__ = (UniqueConstraint("tenant_id", "entity_type", "entity_id"),)

    entity_type: str = Field(sa_type=Text, nullable=False)
    entity_id: uuid.UUID = Field(nullable=False)
    meli_account_id: uuid.UUID = Field(nullable=False)
    hours: list[datetime] = Field(default_factory=list, sa_type=ARRAY(DateTime(timezone=True)), nullable=False)
