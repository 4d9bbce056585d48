"""Mercado Livre's answers to a listing write, as the ``UserError``s a mutation returns.

A 400 ``validation_error`` lists its causes, each naming what it is about in ``references``
(``item.price``, ``item.variations.available_quantity`` — fixture ``errors/400_item_validation.json``);
each becomes an error on the input field it is about. 403 and 404 are refusals, 409 after the retries a
conflict, 429/5xx/timeouts/an open breaker "try again", and a token Mercado Livre no longer takes means
the account must be linked again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from melihub.errors import DomainError
from melihub.meli import errors as meli_errors

# Mercado Livre's reference → the input field of updateListing (updateVariations maps variations itself).
LISTING_FIELDS = {
    "item.price": "price",
    "item.base_price": "price",
    "item.available_quantity": "availableQuantity",
    "item.status": "status",
    "item.title": "title",
    "item.variations.price": "price",
    "item.variations.available_quantity": "availableQuantity",
}
_UNAVAILABLE = (meli_errors.RateLimited, meli_errors.Unavailable, meli_errors.CircuitOpen)
_RELINK = (meli_errors.ReauthRequired, meli_errors.Unauthorized, meli_errors.InvalidClient)

FieldOf = Callable[[str], str | None]


def listing_field(reference: str) -> str | None:
    return LISTING_FIELDS.get(reference)


def account_inactive(field: str = "id") -> DomainError:
    return DomainError(
        "the listing's Mercado Livre account is not connected (link it again)", field=field, code="ACCOUNT_INACTIVE"
    )


def conflict(field: str = "expectedUpdatedAt") -> DomainError:
    message = "the listing changed since you saw it (on Mercado Livre or by a colleague): nothing was sent"
    return DomainError(message, field=field, code="CONFLICT")


def write_errors(exc: meli_errors.MeliError, field_of: FieldOf = listing_field) -> list[DomainError]:
    """What Mercado Livre's refusal of a read or write of the listing tells the user."""
    said = exc.message or str(exc)
    if isinstance(exc, meli_errors.ValidationError):
        return validation_errors(exc, field_of)
    if isinstance(exc, meli_errors.Conflict):
        return [conflict()]
    if isinstance(exc, _RELINK):
        return [account_inactive()]
    if isinstance(exc, _UNAVAILABLE) or exc.status is None or exc.status >= 500:
        message = f"Mercado Livre did not answer ({said}); nothing was changed, try again"
        return [DomainError(message, field=None, code="MELI_UNAVAILABLE")]
    if isinstance(exc, meli_errors.NotFound):
        return [DomainError(f"Mercado Livre no longer has this listing ({said})", field="id", code="REFUSED")]
    return [DomainError(f"Mercado Livre refused the change: {said}", field=None, code="REFUSED")]


def validation_errors(exc: meli_errors.MeliError, field_of: FieldOf) -> list[DomainError]:
    errors = [_cause_error(cause, field_of) for cause in exc.cause]
    found = [error for error in errors if error is not None]
    if found:
        return found
    said = exc.message or str(exc)
    return [DomainError(f"Mercado Livre refused the change: {said}", field=None, code="MELI_VALIDATION")]


def _cause_error(cause: Any, field_of: FieldOf) -> DomainError | None:
    if isinstance(cause, str):
        return DomainError(f"Mercado Livre: {cause}", field=None, code="MELI_VALIDATION")
    if not isinstance(cause, dict):
        return None
    if str(cause.get("type") or "error") not in ("error",):  # warnings do not refuse the write
        return None
    references = [str(r) for r in cause.get("references") or [] if r]
    field = next((f for f in (field_of(r) for r in references) if f), None)
    code = f" ({cause['code']})" if cause.get("code") else ""
    message = str(cause.get("message") or "invalid value")
    return DomainError(f"Mercado Livre: {message}{code}", field=field, code="MELI_VALIDATION")
