"""Orders, their lines and payments, and the buyers who placed them."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field

from melihub.db.base import MeliResource, TenantOwned, bigint, changed_first_index, money, text_array, timestamp


class Customer(TenantOwned, table=True):
    """A buyer as seen by this tenant (ML hides names and documents behind billing_info)."""

    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("tenant_id", "ml_user_id"),)

    ml_user_id: int = Field(sa_type=BigInteger, nullable=False)
    nickname: str | None = Field(default=None, sa_type=Text)
    site_id: str | None = Field(default=None, sa_type=Text)
    first_order_at: datetime | None = timestamp()
    last_order_at: datetime | None = timestamp()


class Order(MeliResource, table=True):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_orders_tenant_created", "tenant_id", "date_created"),
        Index("ix_orders_tenant_status", "tenant_id", "status"),
        Index("ix_orders_tenant_pack", "tenant_id", "pack_id"),
        Index("ix_orders_account_buyer", "meli_account_id", "buyer_ml_id"),  # melihub.buyers' upkeep
    )

    ml_id: int = Field(sa_type=BigInteger, nullable=False)
    pack_id: int | None = bigint()
    status: str = Field(sa_type=Text, nullable=False)
    status_detail: str | None = Field(default=None, sa_type=Text)
    date_created: datetime | None = timestamp()
    date_closed: datetime | None = timestamp()
    total_amount: Decimal | None = money()
    paid_amount: Decimal | None = money()
    currency_id: str = Field(sa_type=Text, nullable=False)
    customer_id: uuid.UUID | None = Field(default=None, foreign_key="customers.id", ondelete="SET NULL")
    buyer_ml_id: int | None = bigint()
    shipment_ml_id: int | None = bigint(index=True)
    tags: list[str] = text_array()
    # melihub's own fulfilment marks (melihub.fulfilment): set on every order of a pack at once.
    picked_at: datetime | None = timestamp()
    picked_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    packed_at: datetime | None = timestamp()
    packed_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


changed_first_index(Order)


class OrderItem(TenantOwned, table=True):
    __tablename__ = "order_items"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),)

    order_id: uuid.UUID = Field(foreign_key="orders.id", nullable=False, index=True, ondelete="CASCADE")
    line_no: int = Field(sa_type=Integer, nullable=False)
    item_ml_id: str = Field(sa_type=Text, nullable=False, index=True)
    variation_ml_id: int | None = bigint()
    title: str = Field(default="", sa_type=Text, nullable=False)
    sku: str | None = Field(default=None, sa_type=Text)
    quantity: int = Field(sa_type=Integer, nullable=False)
    unit_price: Decimal = money(nullable=False)
    full_unit_price: Decimal | None = money()
    sale_fee: Decimal | None = money()
    currency_id: str = Field(sa_type=Text, nullable=False)


class Payment(TenantOwned, table=True):
    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("tenant_id", "ml_id"),)

    order_id: uuid.UUID = Field(foreign_key="orders.id", nullable=False, index=True, ondelete="CASCADE")
    ml_id: int = Field(sa_type=BigInteger, nullable=False)
    status: str = Field(sa_type=Text, nullable=False)
    status_detail: str | None = Field(default=None, sa_type=Text)
    transaction_amount: Decimal | None = money()
    total_paid_amount: Decimal | None = money()
    transaction_amount_refunded: Decimal | None = money()
    shipping_cost: Decimal | None = money()
    currency_id: str = Field(sa_type=Text, nullable=False)
    payment_method_id: str | None = Field(default=None, sa_type=Text)
    payment_type: str | None = Field(default=None, sa_type=Text)
    installments: int | None = Field(default=None, sa_type=Integer)
    date_created: datetime | None = timestamp()
    date_approved: datetime | None = timestamp()
    date_last_modified: datetime | None = timestamp()
