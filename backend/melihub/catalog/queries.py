"""Reading listings and their variations (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing, ListingChange, Variation
from melihub.db.paging import (
    Ordering,
    Page,
    PageRequest,
    changed_first,
    fetch_page,
    visible,
    visible_by_ids,
    without_raw,
)
from melihub.db.search import contains, search_text


@dataclass(frozen=True)
class ListingFilter:
    statuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    search: str | None = None  # part of the title, or exactly the ML id, or the SKU of it or a variation
    # Conditions another domain adds on the listing (its score: ``insights.queries.score_conditions``).
    conditions: list[ColumnElement[bool]] = field(default_factory=list)


LISTING_SORTS: dict[str, Callable[[bool], Ordering]] = {
    "UPDATED_AT": lambda desc: Ordering(col(Listing.synced_at), col(Listing.id), desc, "UPDATED_AT"),
    "TITLE": lambda desc: Ordering(col(Listing.title), col(Listing.id), desc, "TITLE"),
    "PRICE": lambda desc: Ordering(col(Listing.price), col(Listing.id), desc, "PRICE"),
    "AVAILABLE_QUANTITY": lambda desc: Ordering(
        col(Listing.available_quantity), col(Listing.id), desc, "AVAILABLE_QUANTITY"
    ),
    "SOLD_QUANTITY": lambda desc: Ordering(col(Listing.sold_quantity), col(Listing.id), desc, "SOLD_QUANTITY"),
}


async def list_listings(
    session: AsyncSession, principal: Principal, filters: ListingFilter, request: PageRequest
) -> Page[Listing]:
    """Keyset-paged in the request's ordering (default: most recently changed first)."""
    principal.require(Permission.READ)
    query = visible(Listing, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Listing.status).in_(filters.statuses))
    for condition in filters.conditions:
        query = query.where(condition)
    search = search_text(filters.search)
    if search:
        variation_sku = select(Variation.id).where(Variation.item_id == Listing.id, Variation.sku == search)
        query = query.where(
            or_(
                contains(col(Listing.title), search),
                col(Listing.ml_id) == search.upper(),
                col(Listing.sku) == search,
                variation_sku.exists(),
            )
        )
    return await fetch_page(session, query, request.ordering or changed_first(Listing), request)


async def get_listing(session: AsyncSession, principal: Principal, listing_id: uuid.UUID) -> Listing | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Listing, principal).where(Listing.id == listing_id))).first()


async def listings_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[Listing]:
    """For ``node``/``nodes``: the listings with these ids the caller may see."""
    principal.require(Permission.READ)
    return await visible_by_ids(session, principal, Listing, ids)


@dataclass(frozen=True)
class PricedVariation:
    """A variation with its listing's currency (a variation's price has none of its own)."""

    variation: Variation
    currency_id: str

    @property
    def id(self) -> uuid.UUID:
        return self.variation.id


async def variations_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[PricedVariation]:
    """For ``node``/``nodes``: variations by our id, of listings the caller may see."""
    principal.require(Permission.READ)
    listings = visible(Listing, principal).subquery()
    query = (
        select(Variation, listings.c.currency_id)
        .join(listings, listings.c.id == col(Variation.item_id))
        .where(col(Variation.id).in_(list(ids)))
    )
    return [PricedVariation(variation, currency) for variation, currency in (await session.exec(query)).all()]


async def listings_by_ml_ids(session: AsyncSession, principal: Principal, ml_ids: Sequence[str]) -> list[Listing]:
    """For DataLoaders: the listings of these ML item ids the caller may see (missing ones are absent)."""
    principal.require(Permission.READ)
    return list((await session.exec(visible(Listing, principal).where(col(Listing.ml_id).in_(list(ml_ids))))).all())


async def variations_by_listing_ids(
    session: AsyncSession, principal: Principal, listing_ids: Sequence[uuid.UUID]
) -> list[Variation]:
    """For DataLoaders: the variations of these listings, in ML id order."""
    principal.require(Permission.READ)
    query = (
        select(Variation)
        .options(without_raw(Variation))
        .where(Variation.tenant_id == principal.tenant_id, col(Variation.item_id).in_(list(listing_ids)))
        .order_by(col(Variation.item_id), col(Variation.ml_id))
    )
    return list((await session.exec(query)).all())


CHANGES_NEWEST_FIRST = Ordering(col(ListingChange.at), col(ListingChange.id), True, "AT")


async def listing_changes(
    session: AsyncSession, principal: Principal, listing_id: uuid.UUID, request: PageRequest
) -> Page[ListingChange]:
    """A page of one listing's history, newest first (the caller has just read the listing itself)."""
    principal.require(Permission.READ)
    query = select(ListingChange).where(
        col(ListingChange.tenant_id) == principal.tenant_id, col(ListingChange.listing_id) == listing_id
    )
    return await fetch_page(session, query, CHANGES_NEWEST_FIRST, request)
