"""Listings and variations as GraphQL types."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from melihub.catalog import queries
from melihub.catalog.graphql.changes import ListingChangeType, resolve_changes
from melihub.catalog.graphql.loaders import variations_by_listing
from melihub.catalog.models import Listing, Variation
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, then
from melihub.graphql.money import Money, money_of
from melihub.graphql.pagination import Connection, PageArgs, SortDirection
from melihub.graphql.relay import Node, global_id, register_node
from melihub.insights.graphql.history import resolve_score_history
from melihub.insights.graphql.loaders import analysis_by_listing, score_by_listing
from melihub.insights.graphql.types import (
    ListingAnalysisType,
    ListingScoreType,
    ScoreLevel,
    ScorePoint,
    ScoreRule,
    request_locale,
)

LISTING_TYPE = "Listing"
VARIATION_TYPE = "Variation"


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
class VariationType(Node):
    ml_id: str = strawberry.field(description="Mercado Livre variation id (a string: it exceeds 32 bits).")
    sku: str | None
    price: Money | None
    available_quantity: int
    sold_quantity: int
    attributes: list[VariationAttribute]

    @classmethod
    def of(cls, variation: Variation, currency: str) -> VariationType:
        return cls(
            id=global_id(VARIATION_TYPE, variation.id),
            ml_id=str(variation.ml_id),
            sku=variation.sku,
            price=money_of(variation.price, currency),
            available_quantity=variation.available_quantity,
            sold_quantity=variation.sold_quantity,
            attributes=[VariationAttribute.of(c) for c in variation.attribute_combinations if isinstance(c, dict)],
        )


@strawberry.type(name="Listing", description="A Mercado Livre listing (item) of a linked account.")
class ListingType(Node):
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
    updated_at: datetime = strawberry.field(
        description="When melihub last stored a change of this listing: the version an edit's expectedUpdatedAt names."
    )
    _row_id: strawberry.Private[uuid.UUID]
    _currency: strawberry.Private[str]
    _context: strawberry.Private[Context | None] = None

    @strawberry.field
    def variations(self, info: Info) -> list[VariationType]:
        rows = load_now(variations_by_listing(self._context or info.context), self._row_id)
        return then(rows, lambda found: [VariationType.of(row, self._currency) for row in found])

    @strawberry.field(
        description="What changed in price, stock and status, through melihub or on Mercado Livre; newest first."
    )
    async def changes(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ListingChangeType]:
        return await resolve_changes(info, self._row_id, PageArgs(first, after, last, before))

    @strawberry.field(description="melihub's score of the listing (null until first scored).")
    def score(self, info: Info) -> ListingScoreType | None:
        locale = request_locale(info)
        found = load_now(score_by_listing(self._context or info.context), self._row_id)
        return then(found, lambda row: ListingScoreType.of(row, locale) if row is not None else None)

    @strawberry.field(description="How the score moved: one point per change of it, newest first.")
    async def score_history(self, info: Info, first: int = 20) -> list[ScorePoint]:
        rows = await resolve_score_history(info, self._row_id, first)
        return [ScorePoint(value=r.value, level=ScoreLevel(r.level), computed_at=r.computed_at) for r in rows]

    @strawberry.field(description="The listing's newest LLM analysis (any status).")
    def analysis(self, info: Info) -> ListingAnalysisType | None:
        found = load_now(analysis_by_listing(self._context or info.context), self._row_id)
        return then(found, lambda row: ListingAnalysisType.of(row) if row is not None else None)

    @classmethod
    def of(cls, listing: Listing, context: Context | None = None) -> ListingType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=global_id(LISTING_TYPE, listing.id),
            ml_id=listing.ml_id,
            meli_account_id=global_id(ACCOUNT_TYPE, listing.meli_account_id),
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
        default=None,
        description="Part of the title, or exactly the Mercado Livre item id, or the SKU of the listing or of "
        "one of its variations.",
    )
    score_below: int | None = strawberry.field(default=None, description="Listings whose score is below this.")
    finding: ScoreRule | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Listings with a finding of this rule."
    )


@strawberry.enum(name="ListingSortField")
class ListingSortField(Enum):
    UPDATED_AT = "UPDATED_AT"
    TITLE = "TITLE"
    PRICE = "PRICE"
    AVAILABLE_QUANTITY = "AVAILABLE_QUANTITY"
    SOLD_QUANTITY = "SOLD_QUANTITY"


@strawberry.input(name="ListingSort", description="Sort by one field; ties are broken by id in the same direction.")
class ListingSortInput:
    field: ListingSortField = ListingSortField.UPDATED_AT
    direction: SortDirection = SortDirection.DESC


def _variation_node(priced: queries.PricedVariation) -> VariationType:
    return VariationType.of(priced.variation, priced.currency_id)


register_node(LISTING_TYPE, queries.listings_by_ids, ListingType.of)
register_node(VARIATION_TYPE, queries.variations_by_ids, _variation_node)
