"""A listing's change history: what changed in price, stock and status (its own and each variation's).

Every applied payload of an item is compared with the row it replaces (:func:`record_changes`): a
difference is a :class:`ListingChange` of ``MERCADO_LIVRE`` (a sale, an edit on Mercado Livre's site,
another app) unless melihub's own write produced that payload, which records it as ``MELIHUB`` with
who made it. A write melihub made comes back once more by notification: that payload is the same
version already stored (nothing is compared again) or a later one with the same values (nothing
differs), so it is never recorded twice. When the notification's copy got stored first, the write
claims those rows as its own (:func:`claim_as_melihub`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy import select as columns_of
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import AuthMethod, Principal
from melihub.catalog.models import ChangeSource, Listing, ListingChange, Variation
from melihub.meli.values import as_dict, as_int, money


@dataclass(frozen=True)
class ChangeAuthor:
    """Who made a change through melihub: a member, or an API token (the token is what authenticated)."""

    user_id: uuid.UUID | None = None
    token_id: uuid.UUID | None = None

    @classmethod
    def of(cls, principal: Principal) -> ChangeAuthor:
        if principal.method is AuthMethod.API_TOKEN:
            return cls(token_id=principal.api_token_id)
        return cls(user_id=principal.user_id)


@dataclass(frozen=True)
class VariationState:
    price: Decimal | None
    available_quantity: int


@dataclass(frozen=True)
class EditableState:
    """What an edit can change, and what a conflict is judged on."""

    price: Decimal | None
    available_quantity: int
    status: str
    variations: dict[int, VariationState] = field(default_factory=dict)  # by Mercado Livre variation id
    title: str = ""

    def as_json(self) -> dict[str, Any]:
        """For the audit row's before/after."""
        values: dict[str, Any] = {
            "price": as_text(self.price),
            "availableQuantity": self.available_quantity,
            "status": self.status,
            "title": self.title,
        }
        if self.variations:
            values["variations"] = {
                str(ml_id): {"price": as_text(v.price), "availableQuantity": v.available_quantity}
                for ml_id, v in sorted(self.variations.items())
            }
        return values


def as_text(value: Decimal | int | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def state_of_raw(raw: dict[str, Any]) -> EditableState:
    """The editable state a ``GET /items/{id}`` payload shows."""
    variations: dict[int, VariationState] = {}
    for entry in raw.get("variations") or []:
        variation = as_dict(entry)
        ml_id = as_int(variation.get("id"))
        if ml_id is not None:
            variations[ml_id] = VariationState(
                money(variation.get("price")), as_int(variation.get("available_quantity")) or 0
            )
    return EditableState(
        money(raw.get("price")),
        as_int(raw.get("available_quantity")) or 0,
        str(raw.get("status") or "unknown"),
        variations,
        str(raw.get("title") or ""),
    )


def state_of_rows(listing: Listing, variations: list[Variation]) -> EditableState:
    return EditableState(
        listing.price,
        listing.available_quantity,
        listing.status,
        {v.ml_id: VariationState(v.price, v.available_quantity) for v in variations},
        listing.title,
    )


async def stored_state(session: AsyncSession, tenant_id: uuid.UUID, ml_id: str) -> EditableState | None:
    """The state of the listing melihub holds as ``ml_id`` (one statement); None when it holds none."""
    query = (
        columns_of(
            col(Listing.price),
            col(Listing.available_quantity),
            col(Listing.status),
            col(Variation.ml_id),
            col(Variation.price),
            col(Variation.available_quantity),
            col(Listing.title),
        )
        .select_from(Listing)
        .outerjoin(Variation, col(Variation.item_id) == col(Listing.id))
        .where(col(Listing.tenant_id) == tenant_id, col(Listing.ml_id) == ml_id)
    )
    rows = (await session.exec(query)).all()  # type: ignore[call-overload]  # seven columns: past sqlmodel's overloads
    if not rows:
        return None
    price, quantity, status = rows[0][0], rows[0][1], rows[0][2]
    variations = {row[3]: VariationState(row[4], row[5]) for row in rows if row[3] is not None}
    return EditableState(price, quantity, status, variations, rows[0][6])


Difference = tuple[str, str | None, str | None]  # field, from, to


def differences(before: EditableState, after: EditableState) -> list[Difference]:
    """The fields that differ, named as the API names them (see :class:`ListingChange`)."""
    found: list[Difference] = []
    if before.price != after.price:
        found.append(("price", as_text(before.price), as_text(after.price)))
    if before.available_quantity != after.available_quantity:
        found.append(("availableQuantity", str(before.available_quantity), str(after.available_quantity)))
    if before.status != after.status:
        found.append(("status", before.status, after.status))
    if before.title != after.title:
        found.append(("title", before.title, after.title))
    for ml_id in sorted(before.variations.keys() | after.variations.keys()):
        old, new = before.variations.get(ml_id), after.variations.get(ml_id)
        name = f"variation:{ml_id}"
        if old is None or new is None:
            found.append((name, None if old is None else str(ml_id), None if new is None else str(ml_id)))
            continue
        if old.price != new.price:
            found.append((f"{name}.price", as_text(old.price), as_text(new.price)))
        if old.available_quantity != new.available_quantity:
            found.append((f"{name}.availableQuantity", str(old.available_quantity), str(new.available_quantity)))
    return found


async def record_changes(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    listing_id: uuid.UUID,
    before: EditableState,
    after: EditableState,
    version: str,
    author: ChangeAuthor | None,
) -> int:
    """Store what differs as changes of ``author`` (None: seen from Mercado Livre); how many."""
    found = differences(before, after)
    if not found:
        return 0
    source = ChangeSource.MELIHUB if author is not None else ChangeSource.MERCADO_LIVRE
    # Stamped with the listing's updatedAt of this version: "a change after the version the user saw"
    # is then exactly ``at > expectedUpdatedAt`` (``writes``).
    at = (await session.exec(select(col(Listing.synced_at)).where(col(Listing.id) == listing_id))).one()
    session.add_all(
        ListingChange(
            tenant_id=tenant_id,
            listing_id=listing_id,
            field=name,
            from_value=old,
            to_value=new,
            source=source.value,
            actor_user_id=author.user_id if author else None,
            actor_token_id=author.token_id if author else None,
            version=version,
            at=at,
        )
        for name, old, new in found
    )
    await session.flush()
    return len(found)


async def claim_as_melihub(session: AsyncSession, listing_id: uuid.UUID, version: str, author: ChangeAuthor) -> int:
    """The notification of melihub's own write was stored before the write's answer: its changes are melihub's."""
    # The notification's payload carries the same item version; with a newer description its token has a
    # ``-d<µs>`` suffix (``item_version``), which the write's answer (fetched without one) lacks.
    same_version = or_(col(ListingChange.version) == version, col(ListingChange.version).startswith(f"{version}-"))
    statement = (
        update(ListingChange)
        .where(
            col(ListingChange.listing_id) == listing_id,
            same_version,
            col(ListingChange.source) == ChangeSource.MERCADO_LIVRE.value,
        )
        .values(source=ChangeSource.MELIHUB.value, actor_user_id=author.user_id, actor_token_id=author.token_id)
        .returning(col(ListingChange.id))
    )
    return len((await session.exec(statement)).all())
