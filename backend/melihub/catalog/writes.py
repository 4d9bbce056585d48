"""Changing a listing's price, stock or status on Mercado Livre, without overwriting a change made meanwhile.

The flow, for the API, the CLI and workers alike (:func:`edit_listing`):

1. the edit is checked against the listing as melihub holds it (``editing``: Mercado Livre's rules);
2. the item is read again from Mercado Livre (``GET /items/{id}``; a change made there a minute ago may
   not have reached melihub by notification yet) and applied like any payload of it;
3. with ``expected`` (the ``updatedAt`` the user saw) the edit is a ``CONFLICT``, and nothing is sent,
   when a price, stock or status change was stored after that version (from Mercado Livre or by a
   colleague) or the fresh read differs from what melihub held; the payload then carries the current
   values;
4. ``PUT /items/{id}`` through the write budget; Mercado Livre's 409 (another write to the item in
   progress) is retried with backoff, reading the item again between tries, then ``CONFLICT``;
5. Mercado Livre's answer (the updated item) is applied at once, its changes recorded as the caller's,
   and ``listingChanged`` published.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog import changes, editing, queries, refusals
from melihub.catalog.changes import ChangeAuthor, EditableState
from melihub.catalog.editing import ListingEdit, VariationEdit
from melihub.catalog.models import Listing, ListingChange, Variation
from melihub.catalog.service import ENTITY, apply_item
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.meli import errors as meli_errors
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services

CONFLICT_RETRIES = 3  # a 409 means another write to the item is in flight; it ends within a second
CONFLICT_BACKOFF_S = 0.25  # doubled each try: 0.25, 0.5, 1 s

OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
Note = Callable[[dict[str, Any], dict[str, Any]], None]  # the audit row's before/after, inside the unit


@dataclass
class Held:
    """A listing melihub holds, its variations and its account, as one edit sees them."""

    listing: Listing
    variations: list[Variation]
    account: MeliAccount

    @property
    def state(self) -> EditableState:
        return changes.state_of_rows(self.listing, self.variations)


@dataclass(frozen=True)
class EditPlan:
    """What an edit checks (Mercado Livre's rules) and sends, given a listing's state."""

    check: Callable[[EditableState], list[DomainError]]
    body: Callable[[EditableState], dict[str, Any]]
    field_of: refusals.FieldOf = refusals.listing_field
    # A title changed elsewhere is a conflict only for an edit of the title: price, stock and status edits
    # are judged on what they touch (the title stays out of their comparison).
    touches_title: bool = False


@dataclass(frozen=True)
class EditOutcome:
    """The listing as stored after the attempt; ``errors`` say why nothing (more) was sent."""

    listing: Listing | None
    errors: list[DomainError] = field(default_factory=list)
    sent: bool = False


async def edit_listing(
    services: Services,
    principal: Principal,
    listing_id: uuid.UUID,
    expected: datetime | None,
    plan_of: Callable[[Held], EditPlan],
    *,
    store_in: OpenUnit | None = None,
    note: Note | None = None,
) -> EditOutcome:
    """Check, re-read, judge the conflict, send and store (see the module); raises NOT_FOUND and
    ACCOUNT_INACTIVE, answers every other refusal in the outcome."""
    principal.require(Permission.OPERATE)
    held = await load_held(services, principal, listing_id)
    plan = plan_of(held)
    errors = plan.check(held.state)
    if errors:
        return EditOutcome(held.listing, errors)
    try:
        fresh = await refresh(services, principal, held)
    except meli_errors.MeliError as exc:
        if expected is not None and await _changed_since(services, principal, listing_id, expected, plan):
            return EditOutcome(held.listing, [refusals.conflict()])
        return EditOutcome(held.listing, refusals.write_errors(exc, plan.field_of))
    if expected is not None and (
        _judged(fresh.state, plan) != _judged(held.state, plan)
        or await _changed_since(services, principal, listing_id, expected, plan)
    ):
        return EditOutcome(fresh.listing, [refusals.conflict()])
    return await _send(services, principal, fresh, plan, expected, store_in, note)


async def load_held(services: Services, principal: Principal, listing_id: uuid.UUID) -> Held:
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        listing = await queries.get_listing(session, principal, listing_id)
        if listing is None:
            raise DomainError("no listing with this id is visible to you", field="id", code="NOT_FOUND")
        variations = await queries.variations_by_listing_ids(session, principal, [listing.id])
        account = await session.get(MeliAccount, listing.meli_account_id)
    if account is None or account.status != AccountStatus.ACTIVE.value:
        raise refusals.account_inactive()
    return Held(listing, variations, account)


def _judged(state: EditableState, plan: EditPlan) -> EditableState:
    return state if plan.touches_title else replace(state, title="")


async def _changed_since(
    services: Services, principal: Principal, listing_id: uuid.UUID, seen: datetime, plan: EditPlan
) -> bool:
    """Whether a change the edit is judged on (price, stock, status; the title for a title edit) was stored
    after the version the user saw."""
    later = select(ListingChange.id).where(col(ListingChange.listing_id) == listing_id, col(ListingChange.at) > seen)
    if not plan.touches_title:
        later = later.where(col(ListingChange.field) != "title")
    async with services.db.tenant(principal.tenant_id) as session:
        return bool((await session.exec(select(exists(later)))).one())


async def refresh(services: Services, principal: Principal, held: Held) -> Held:
    """Read the item from Mercado Livre, apply it like any payload of it, and hold the result (the newer of
    the two: a read older than what melihub stores, which Mercado Livre's caches can answer, changes nothing)."""
    item = await meli_client(services).get_item(account_ref(held.account), held.listing.ml_id)
    async with unit_of_work(services.db, principal.tenant_id) as work:
        result = await apply_item(work.session, held.account, item.raw)
        fresh = await _reloaded(work.session, principal, held)
        if result.changed:
            work.after_commit(lambda: publish(services.redis, listing_change(fresh.listing, result.version)))
    return fresh


async def _send(
    services: Services,
    principal: Principal,
    held: Held,
    plan: EditPlan,
    expected: datetime | None,
    store_in: OpenUnit | None,
    note: Note | None,
) -> EditOutcome:
    for attempt in range(CONFLICT_RETRIES + 1):
        errors = plan.check(held.state)
        if errors:
            return EditOutcome(held.listing, errors)
        body = plan.body(held.state)
        if not body:  # every value is already what was asked: nothing to send
            if note is not None:
                note(held.state.as_json(), held.state.as_json())
            return EditOutcome(held.listing)
        try:
            answer = await meli_client(services).update_item(account_ref(held.account), held.listing.ml_id, body)
        except meli_errors.Conflict:
            if attempt == CONFLICT_RETRIES:
                break
            await asyncio.sleep(CONFLICT_BACKOFF_S * 2**attempt)
            try:
                again = await refresh(services, principal, held)
            except meli_errors.MeliError as exc:
                return EditOutcome(held.listing, refusals.write_errors(exc, plan.field_of))
            if expected is not None and again.state != held.state:
                return EditOutcome(again.listing, [refusals.conflict()])
            held = again
            continue
        except meli_errors.MeliError as exc:
            return EditOutcome(held.listing, refusals.write_errors(exc, plan.field_of))
        stored = await store_answer(services, principal, held, answer.raw, ChangeAuthor.of(principal), store_in, note)
        return EditOutcome(stored.listing, sent=True)
    return EditOutcome(held.listing, [refusals.conflict()])


async def store_answer(
    services: Services,
    principal: Principal,
    held: Held,
    raw: dict[str, Any],
    author: ChangeAuthor,
    store_in: OpenUnit | None = None,
    note: Note | None = None,
) -> Held:
    """Apply Mercado Livre's answer to melihub's write at once (its changes are ``author``'s) and publish it."""
    opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
    before = held.state
    async with opener() as work:
        result = await apply_item(work.session, held.account, raw, made_by=author)
        stored = await _reloaded(work.session, principal, held)
        if note is not None:
            note(before.as_json(), stored.state.as_json())
        work.after_commit(lambda: publish(services.redis, listing_change(stored.listing, result.version)))
    return stored


async def _reloaded(session: AsyncSession, principal: Principal, held: Held) -> Held:
    session.expire_all()
    listing = await queries.get_listing(session, principal, held.listing.id)
    if listing is None:  # deleted meanwhile (the account unlinked): what was held is all there is
        return held
    variations = await queries.variations_by_listing_ids(session, principal, [listing.id])
    return Held(listing, variations, held.account)


def listing_change(listing: Listing, version: str | None) -> Change:
    return Change(str(listing.tenant_id), ENTITY, str(listing.id), version, str(listing.meli_account_id))


# ---- the two edits ------------------------------------------------------------------------------


async def update_listing(
    services: Services,
    principal: Principal,
    listing_id: uuid.UUID,
    edit: ListingEdit,
    expected: datetime | None,
    *,
    store_in: OpenUnit | None = None,
    note: Note | None = None,
) -> EditOutcome:
    """Price, stock and/or status of a listing (a price goes to every variation)."""

    def plan_of(_held: Held) -> EditPlan:
        return EditPlan(
            lambda state: editing.listing_edit_errors(edit, state),
            lambda state: editing.listing_body(edit, state),
            touches_title=edit.title is not None,
        )

    return await edit_listing(services, principal, listing_id, expected, plan_of, store_in=store_in, note=note)


@dataclass(frozen=True)
class VariationInput:
    """One variation to change, by our id, as the caller gave it."""

    variation_id: uuid.UUID
    price: Decimal | None = None
    available_quantity: int | None = None


async def update_variations(
    services: Services,
    principal: Principal,
    listing_id: uuid.UUID,
    given: list[VariationInput],
    expected: datetime | None,
    *,
    store_in: OpenUnit | None = None,
    note: Note | None = None,
) -> EditOutcome:
    """Price and stock of some variations of a listing, in one ``PUT`` that names every variation."""
    if not given:
        raise DomainError("give at least one variation to change", field="variations", code="NOTHING_TO_CHANGE")

    def plan_of(held: Held) -> EditPlan:
        edits = _resolved(given, held)
        return EditPlan(
            lambda state: editing.variation_edit_errors(edits, state),
            lambda state: editing.variations_body(edits, state),
            _variation_field(edits),
        )

    return await edit_listing(services, principal, listing_id, expected, plan_of, store_in=store_in, note=note)


def _resolved(given: list[VariationInput], held: Held) -> list[VariationEdit]:
    ml_ids = {variation.id: variation.ml_id for variation in held.variations}
    edits = []
    for index, entry in enumerate(given):
        ml_id = ml_ids.get(entry.variation_id)
        if ml_id is None:
            raise DomainError(
                "no variation of this listing has this id", field=f"variations[{index}].id", code="NOT_FOUND"
            )
        edits.append(VariationEdit(index, entry.variation_id, ml_id, entry.price, entry.available_quantity))
    return edits


def _variation_field(edits: list[VariationEdit]) -> refusals.FieldOf:
    """Mercado Livre's ``item.variations.price`` names no variation: the first edit that set a price."""

    def field_of(reference: str) -> str | None:
        for suffix, attribute, name in (
            ("price", "price", "price"),
            ("available_quantity", "available_quantity", "availableQuantity"),
        ):
            if reference == f"item.variations.{suffix}":
                index = next((e.index for e in edits if getattr(e, attribute) is not None), 0)
                return f"variations[{index}].{name}"
        if reference.startswith("item.variations"):
            return "variations"
        return refusals.listing_field(reference)

    return field_of
