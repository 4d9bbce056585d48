"""Listings (ML items) and their variations: stock, prices, SKUs; their change history; bulk stock updates."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, Text, UniqueConstraint, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field

from melihub.db.base import MeliResource, TenantOwned, changed_first_index, jsonb, money, text_array, timestamp


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


class ChangeSource(StrEnum):
    MELIHUB = "MELIHUB"  # made through melihub (a mutation, a bulk operation)
    MERCADO_LIVRE = "MERCADO_LIVRE"  # seen in a payload from Mercado Livre (a sale, an edit on its site…)


class ListingChange(TenantOwned, table=True):
    """One field of a listing (or of one of its variations) that changed, from what to what, by whom.

    ``field``: ``price``, ``availableQuantity``, ``status``, ``title``; a variation's ``variation:<ML id>.price`` and
    ``variation:<ML id>.availableQuantity``; ``variation:<ML id>`` itself when it appeared (``from`` null)
    or went away (``to`` null). Values are text as the API shows them (a price ``59.90``).
    """

    __tablename__ = "listing_changes"
    __table_args__ = (
        # Listing.changes pages newest first.
        Index("ix_listing_changes_listing_at", "tenant_id", "listing_id", text("at DESC"), text("id DESC")),
    )

    listing_id: uuid.UUID = Field(foreign_key="items.id", nullable=False, ondelete="CASCADE")
    field: str = Field(sa_type=Text, nullable=False)
    from_value: str | None = Field(default=None, sa_type=Text)
    to_value: str | None = Field(default=None, sa_type=Text)
    source: str = Field(sa_type=Text, nullable=False)
    actor_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    actor_token_id: uuid.UUID | None = Field(default=None, foreign_key="api_tokens.id", ondelete="SET NULL")
    # The Mercado Livre version (``v<µs>``) of the payload that showed it: a change melihub made and then
    # saw again in the notification's payload is that same version, recorded once.
    version: str | None = Field(default=None, sa_type=Text)
    at: datetime = timestamp(default_now=True)


class BulkStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"  # every line has its result (some may be FAILED)


class LineResult(StrEnum):
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"
    NOT_FOUND = "NOT_FOUND"
    AMBIGUOUS_SKU = "AMBIGUOUS_SKU"
    CONFLICT = "CONFLICT"
    FAILED = "FAILED"


class BulkOperation(TenantOwned, table=True):
    """A bulk stock update and how far its job got; its lines hold each result."""

    __tablename__ = "bulk_operations"
    __table_args__ = (Index("ix_bulk_operations_tenant_created", "tenant_id", "created_at"),)

    kind: str = Field(default="STOCK", sa_type=Text, nullable=False)
    status: str = Field(default=BulkStatus.QUEUED.value, sa_type=Text, nullable=False)
    total: int = Field(default=0, sa_type=Integer, nullable=False)
    done: int = Field(default=0, sa_type=Integer, nullable=False)
    created_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_by_token_id: uuid.UUID | None = Field(default=None, foreign_key="api_tokens.id", ondelete="SET NULL")
    # The accounts its lines resolved to: a member limited to some accounts reads the operation only
    # when it touches no other (or when they started it).
    meli_account_ids: list[uuid.UUID] = Field(default_factory=list, sa_type=ARRAY(Uuid), nullable=False)
    created_at: datetime = timestamp(default_now=True)
    started_at: datetime | None = timestamp()
    finished_at: datetime | None = timestamp()
    updated_at: datetime = timestamp(default_now=True)


class BulkOperationLine(TenantOwned, table=True):
    """One line of a bulk operation: what it named, what it resolved to, and what became of it."""

    __tablename__ = "bulk_operation_lines"
    __table_args__ = (UniqueConstraint("operation_id", "position"),)

    operation_id: uuid.UUID = Field(foreign_key="bulk_operations.id", nullable=False, ondelete="CASCADE")
    position: int = Field(sa_type=Integer, nullable=False)  # 0-based, in the order given
    sku: str | None = Field(default=None, sa_type=Text)
    listing_id: uuid.UUID | None = Field(default=None)  # as given, or as the SKU resolved (no foreign key:
    variation_id: uuid.UUID | None = Field(default=None)  # the result outlives a listing deleted later)
    available_quantity: int = Field(sa_type=Integer, nullable=False)
    result: str | None = Field(default=None, sa_type=Text)  # None: not done yet
    message: str | None = Field(default=None, sa_type=Text)
    previous_quantity: int | None = Field(default=None, sa_type=Integer)
    done_at: datetime | None = timestamp()
