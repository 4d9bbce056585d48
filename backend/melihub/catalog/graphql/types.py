"""Listings and variations as GraphQL types."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from melihub.catalog.graphql.loaders import variations_by_listing
from melihub.catalog.graphql.money import Money, money_of
from melihub.catalog.models import Listing, Variation
from melihub.graphql.context import Context, Info


@strawberry.type(description="One attribute that tells variations apart (e.g. Cor: Azul).")
class VariationAttribute:
    name: str
    value: str | None

    @classmethod
    def of(cls, combination: dict[str, Any]) -> VariationAttribute:
        name = combination.get("name") or combination.get("id") or ""
        value = combination.get("value_name")
        return cls(name=str(name), value=str(value) if value is not None else None)


@strawberry.type(name="Variation", description="A variation of a listing (colour, size…) with its own stock.")
class VariationType:
    id: strawberry.ID
    ml_id: str = strawberry.field(description="Mercado Livre variation id (a string: it exceeds 32 bits).")
    sku: str | None
    price: Money | None
    available_quantity: int
    sold_quantity: int
    attributes: list[VariationAttribute]

    @classmethod
    def of(cls, variation: Variation, currency: str) -> VariationType:
        return cls(
            id=strawberry.ID(str(variation.id)),
            ml_id=str(variation.ml_id),
            sku=variation.sku,
            price=money_of(variation.price, currency),
            available_quantity=variation.available_quantity,
            sold_quantity=variation.sold_quantity,
            attributes=[VariationAttribute.of(c) for c in variation.attribute_combinations if isinstance(c, dict)],
        )


@strawberry.type(name="Listing", description="A Mercado Livre listing (item) of a linked account.")
class ListingType:
    id: strawberry.ID
    ml_id: str = strawberry.field(description="Mercado Livre item id, e.g. MLB1234567890.")
    meli_account_id: strawberry.ID
    title: str
    status: str = strawberry.field(description="Mercado Livre status: active, paused, closed, under_review…")
    sub_status: list[str]
    price: Money | None
    original_price: Money | None
    available_quantity: int
    sold_quantity: int
    sku: str | None
    permalink: str | None
    thumbnail: str | None
    logistic_type: str | None
    free_shipping: bool
    updated_at: datetime = strawberry.field(description="When melihub last stored a change of this listing.")
    _row_id: strawberry.Private[uuid.UUID]
    _currency: strawberry.Private[str]
    _context: strawberry.Private[Context | None] = None

    @strawberry.field
    async def variations(self, info: Info) -> list[VariationType]:
        rows = await variations_by_listing(self._context or info.context).load(self._row_id)
        return [VariationType.of(row, self._currency) for row in rows]

    @classmethod
    def of(cls, listing: Listing, context: Context | None = None) -> ListingType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=strawberry.ID(str(listing.id)),
            ml_id=listing.ml_id,
            meli_account_id=strawberry.ID(str(listing.meli_account_id)),
            title=listing.title,
            status=listing.status,
            sub_status=list(listing.sub_status),
            price=money_of(listing.price, listing.currency_id),
            original_price=money_of(listing.original_price, listing.currency_id),
            available_quantity=listing.available_quantity,
            sold_quantity=listing.sold_quantity,
            sku=listing.sku,
            permalink=listing.permalink,
            thumbnail=listing.thumbnail,
            logistic_type=listing.logistic_type,
            free_shipping=listing.free_shipping,
            updated_at=listing.synced_at,
            _row_id=listing.id,
            _currency=listing.currency_id,
            _context=context,
        )


@strawberry.input(name="ListingFilter")
class ListingFilterInput:
    status: list[str] | None = strawberry.field(default=None, description="Any of these Mercado Livre statuses.")
    meli_account_ids: list[strawberry.ID] | None = None
    search: str | None = strawberry.field(
        default=None, description="Part of the title, or exactly the Mercado Livre item id or the SKU."
    )
