"""Listings (ML items) and their variations: stock, prices, SKUs."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from melihub.db.base import MeliResource, TenantOwned, changed_first_index, jsonb, money, text_array


class Listing(MeliResource, table=True):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_items_tenant_status", "tenant_id", "status"),
        Index("ix_items_tenant_sku", "tenant_id", "sku"),
        # The floor's out-of-stock count reads only the listings at zero.
        Index("ix_items_tenant_out_of_stock", "tenant_id", "status", postgresql_where=text("available_quantity = 0")),
    )

    ml_id: str = Field(sa_type=Text, nullable=False)
    site_id: str = Field(sa_type=Text, nullable=False)
    title: str = Field(default="", sa_type=Text, nullable=False)
    category_id: str | None = Field(default=None, sa_type=Text)
    status: str = Field(sa_type=Text, nullable=False)
    sub_status: list[str] = text_array()
    listing_type_id: str | None = Field(default=None, sa_type=Text)
    condition: str | None = Field(default=None, sa_type=Text)
    price: Decimal | None = money()
    original_price: Decimal | None = money()
    currency_id: str = Field(sa_type=Text, nullable=False)
    available_quantity: int = Field(default=0, sa_type=Integer, nullable=False)
    sold_quantity: int = Field(default=0, sa_type=Integer, nullable=False)
    sku: str | None = Field(default=None, sa_type=Text)
    permalink: str | None = Field(default=None, sa_type=Text)
    thumbnail: str | None = Field(default=None, sa_type=Text)
    logistic_type: str | None = Field(default=None, sa_type=Text)
    free_shipping: bool = Field(default=False, nullable=False)
    description: str | None = Field(default=None, sa_type=Text)


changed_first_index(Listing)


class Variation(TenantOwned, table=True):
    __tablename__ = "variations"
    __table_args__ = (UniqueConstraint("tenant_id", "ml_id"),)

    item_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, index=True, ondelete="CASCADE")
    ml_id: int = Field(sa_type=BigInteger, nullable=False)
    sku: str | None = Field(default=None, sa_type=Text)
    price: Decimal | None = money()
    available_quantity: int = Field(default=0, sa_type=Integer, nullable=False)
    sold_quantity: int = Field(default=0, sa_type=Integer, nullable=False)
    attribute_combinations: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONB, nullable=False)
    raw: dict[str, Any] = jsonb()
