"""Mercado Livre's rules for a listing edit, said before anything is sent, and the ``PUT`` bodies.

The rules (reference §5.2, §5.4, §13): a price is positive; stock is a whole number, not negative; the
status melihub sets is ``active``, ``paused`` or ``closed``; edits need the listing ``active`` or
``paused`` and a ``closed`` one cannot be reopened; a listing with variations takes its stock from
them (its ``availableQuantity`` is their sum, so it is edited through the variations) and holds one
price for all of them (Mercado Livre would show and charge the highest). The variations ``PUT`` always
names every variation: Mercado Livre deletes the ones it leaves out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from melihub.catalog.changes import EditableState
from melihub.errors import DomainError

SETTABLE_STATUSES = ("active", "paused", "closed")
EDITABLE_STATUSES = ("active", "paused")
MAX_PRICE = Decimal("9999999999.99")  # far above any listing; keeps within the numeric(16, 2) column
CENT = Decimal("0.01")
MAX_TITLE = 60


@dataclass(frozen=True)
class ListingEdit:
    """``updateListing``'s input: None leaves a field as it is."""

    price: Decimal | None = None
    available_quantity: int | None = None
    status: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class VariationEdit:
    """One entry of ``updateVariations``: the variation by our id, and its ML id once resolved."""

    index: int
    variation_id: uuid.UUID
    ml_id: int
    price: Decimal | None = None
    available_quantity: int | None = None


def price_error(price: Decimal, field: str) -> DomainError | None:
    try:
        exact = price.is_finite() and price.quantize(CENT) == price
    except InvalidOperation:  # an exponent too large to quantize
        exact = False
    if not exact or price <= 0 or price > MAX_PRICE:
        message = "the price must be a positive amount with at most 2 decimal places"
        return DomainError(message, field=field, code="INVALID_PRICE")
    return None


def quantity_error(quantity: int, field: str) -> DomainError | None:
    if quantity < 0:
        return DomainError("stock cannot be negative", field=field, code="INVALID_QUANTITY")
    return None


def title_error(title: str) -> DomainError | None:
    # Most categories take at most 60 characters (reference §5.1); whether the title can still change (an
    # item with sales cannot) is Mercado Livre's to say, in its own words.
    if not title.strip() or len(title.strip()) > MAX_TITLE:
        message = f"a title has 1 to {MAX_TITLE} characters"
        return DomainError(message, field="title", code="INVALID_TITLE")
    return None


def editable_error(state: EditableState, field: str) -> DomainError | None:
    if state.status == "closed":
        message = "the listing is closed on Mercado Livre: it cannot be edited or reopened, only relisted there"
        return DomainError(message, field=field, code="LISTING_CLOSED")
    if state.status not in EDITABLE_STATUSES:
        message = f"Mercado Livre holds the listing as {state.status}: only active or paused listings can be edited"
        return DomainError(message, field=field, code="LISTING_NOT_EDITABLE")
    return None


def normal_status(status: str | None) -> str | None:
    return status.strip().lower() if status is not None else None


def listing_edit_errors(edit: ListingEdit, state: EditableState) -> list[DomainError]:
    """Why Mercado Livre would refuse ``edit`` of a listing in ``state`` (empty: it would not)."""
    errors: list[DomainError] = []
    if edit.price is None and edit.available_quantity is None and edit.status is None and edit.title is None:
        message = "give a price, a stock, a status or a title to change"
        return [DomainError(message, field="input", code="NOTHING_TO_CHANGE")]
    if edit.title is not None and (error := title_error(edit.title)):
        errors.append(error)
    if edit.price is not None and (error := price_error(edit.price, "price")):
        errors.append(error)
    if edit.available_quantity is not None:
        if (error := quantity_error(edit.available_quantity, "availableQuantity")) is not None:
            errors.append(error)
        elif state.variations:
            message = "the listing's stock is the sum of its variations': change the variations' stock instead"
            errors.append(DomainError(message, field="availableQuantity", code="HAS_VARIATIONS"))
    status = normal_status(edit.status)
    if status is not None and status not in SETTABLE_STATUSES:
        message = f"the status melihub sets is one of {', '.join(SETTABLE_STATUSES)}"
        errors.append(DomainError(message, field="status", code="INVALID_STATUS"))
    if (error := editable_error(state, "status" if edit.status is not None else "id")) is not None:
        errors.append(error)
    return errors


def variation_edit_errors(edits: list[VariationEdit], state: EditableState) -> list[DomainError]:
    """Why Mercado Livre would refuse these variation edits of a listing in ``state``."""
    if not state.variations:
        return [DomainError("the listing has no variations", field="listingId", code="NO_VARIATIONS")]
    errors: list[DomainError] = []
    if (error := editable_error(state, "listingId")) is not None:
        errors.append(error)
    seen: set[int] = set()
    for edit in edits:
        at = f"variations[{edit.index}]"
        if edit.ml_id not in state.variations:
            message = "Mercado Livre no longer has this variation"
            errors.append(DomainError(message, field=f"{at}.id", code="NOT_FOUND"))
        if edit.ml_id in seen:
            errors.append(DomainError("this variation is given twice", field=f"{at}.id", code="DUPLICATE_VARIATION"))
        seen.add(edit.ml_id)
        if edit.price is not None and (error := price_error(edit.price, f"{at}.price")):
            errors.append(error)
        quantity = edit.available_quantity
        if quantity is not None and (error := quantity_error(quantity, f"{at}.availableQuantity")):
            errors.append(error)
    return errors or _one_price_errors(edits, state)


def _one_price_errors(edits: list[VariationEdit], state: EditableState) -> list[DomainError]:
    """After the edits every variation must still have the same price."""
    priced = {edit.ml_id: edit.price for edit in edits if edit.price is not None}
    if not priced:
        return []
    prices = {ml_id: priced.get(ml_id, current.price) for ml_id, current in state.variations.items()}
    if len(set(prices.values())) <= 1:
        return []
    message = (
        "Mercado Livre keeps one price for all variations of a listing (it would show and charge the highest): "
        "give every variation the same price, or change the listing's price"
    )
    return [
        DomainError(message, field=f"variations[{edit.index}].price", code="VARIATION_PRICES_DIFFER")
        for edit in edits
        if edit.price is not None
    ]


def _number(value: Decimal) -> float | int:
    """A price as a JSON number (ML reads ``79.9``; a Decimal is not JSON)."""
    return int(value) if value == value.to_integral_value() else float(value)


def listing_body(edit: ListingEdit, state: EditableState) -> dict[str, Any]:
    """The ``PUT /items/{id}`` body for what ``edit`` changes of ``state`` (empty: nothing to send).

    A listing with variations takes a new price on every variation, stock left as it is.
    """
    body: dict[str, Any] = {}
    status = normal_status(edit.status)
    if status is not None and status != state.status:
        body["status"] = status
    if edit.available_quantity is not None and edit.available_quantity != state.available_quantity:
        body["available_quantity"] = edit.available_quantity
    if edit.title is not None and edit.title.strip() != state.title:
        body["title"] = edit.title.strip()
    if edit.price is not None:
        if state.variations:
            if any(v.price != edit.price for v in state.variations.values()):
                body["variations"] = [{"id": ml_id, "price": _number(edit.price)} for ml_id in state.variations]
        elif edit.price != state.price:
            body["price"] = _number(edit.price)
    return body


def variations_body(edits: list[VariationEdit], state: EditableState) -> dict[str, Any]:
    """``{"variations": [...]}`` naming every variation of ``state``, changed fields on the edited ones;
    empty when no value differs."""
    by_ml_id = {edit.ml_id: edit for edit in edits}
    entries: list[dict[str, Any]] = []
    changed = False
    for ml_id, current in state.variations.items():
        entry: dict[str, Any] = {"id": ml_id}
        edit = by_ml_id.get(ml_id)
        price = edit.price if edit is not None else None
        quantity = edit.available_quantity if edit is not None else None
        if price is not None and price != current.price:
            entry["price"] = _number(price)
        if quantity is not None and quantity != current.available_quantity:
            entry["available_quantity"] = quantity
        changed = changed or len(entry) > 1
        entries.append(entry)
    return {"variations": entries} if changed else {}


def stock_body(quantities: dict[int | None, int], state: EditableState) -> dict[str, Any]:
    """A bulk stock update of one listing: ``{None: n}`` for the listing itself, else by variation ML id."""
    if None in quantities:
        wanted = quantities[None]
        return {"available_quantity": wanted} if wanted != state.available_quantity else {}
    edits = [
        VariationEdit(index, uuid.UUID(int=0), ml_id, available_quantity=quantity)
        for index, (ml_id, quantity) in enumerate(quantities.items())
        if ml_id is not None
    ]
    return variations_body(edits, state)
