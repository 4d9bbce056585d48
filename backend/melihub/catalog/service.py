"""Listings from Mercado Livre: the item row, its variations and description, applied idempotently."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.catalog import changes
from melihub.catalog.changes import ChangeAuthor
from melihub.catalog.models import Listing, Variation
from melihub.connections.models import MeliAccount
from melihub.db.idempotent import (
    ApplyResult,
    Version,
    apply_resource,
    excluded_of,
    micros,
    table_of,
    version_of,
)
from melihub.kpis.stock_periods import record_listings
from melihub.meli.values import as_dict, as_int, external_id, ml_time, money

ENTITY = "listing"
KEY_TYPE = "ITEM"


def seller_sku(entry: dict[str, Any]) -> str | None:
    """SKU of an item or variation: the ``SELLER_SKU`` attribute, else the legacy ``seller_custom_field``."""
    for attribute in entry.get("attributes") or []:
        attribute = as_dict(attribute)
        if attribute.get("id") == "SELLER_SKU":
            value = attribute.get("value_name") or next(
                (v.get("name") for v in attribute.get("values") or [] if isinstance(v, dict) and v.get("name")), None
            )
            if value:
                return str(value)
    custom = entry.get("seller_custom_field")
    return str(custom) if custom else None


def description_text(description: dict[str, Any] | None) -> str | None:
    if description is None:
        return None
    text = description.get("plain_text") or description.get("text") or ""
    return str(text)


def listing_values(account: MeliAccount, raw: dict[str, Any], description: dict[str, Any] | None) -> dict[str, Any]:
    """The listing row's columns from ``GET /items/{id}`` (+ ``/description``)."""
    shipping = as_dict(raw.get("shipping"))
    values: dict[str, Any] = {
        "site_id": str(raw.get("site_id") or account.site_id),
        "title": str(raw.get("title") or ""),
        "category_id": raw.get("category_id"),
        "status": str(raw.get("status") or "unknown"),
        "sub_status": [str(s) for s in raw.get("sub_status") or [] if s is not None],
        "listing_type_id": raw.get("listing_type_id"),
        "condition": raw.get("condition"),
        "price": money(raw.get("price")),
        "original_price": money(raw.get("original_price")),
        "currency_id": str(raw.get("currency_id") or ""),
        "available_quantity": as_int(raw.get("available_quantity")) or 0,
        "sold_quantity": as_int(raw.get("sold_quantity")) or 0,
        "sku": seller_sku(raw),
        "permalink": raw.get("permalink"),
        "thumbnail": raw.get("thumbnail"),
        "logistic_type": shipping.get("logistic_type"),
        "free_shipping": bool(shipping.get("free_shipping")),
    }
    text = description_text(description)
    if text is not None:  # no description fetched: keep the stored one
        values["description"] = text
    return values


def item_version(raw: dict[str, Any], description: dict[str, Any] | None) -> Version:
    """``v<item last_updated µs>``; a description edited after the item adds ``-d<its µs>``, so the edit
    is a new version too (rows are still ordered by the item's own time)."""
    version = version_of(raw, "last_updated", "date_last_updated")
    described = ml_time(as_dict(description).get("last_updated"))
    if version.at is None or described is None or described <= version.at:
        return version
    return Version(f"{version.token}-d{micros(described)}", version.at)


async def apply_item(
    session: AsyncSession,
    account: MeliAccount,
    raw: dict[str, Any],
    *,
    description: dict[str, Any] | None = None,
    event_id: uuid.UUID | None = None,
    made_by: ChangeAuthor | None = None,
) -> ApplyResult:
    """Upsert the listing (never with an older version) and make its variations match the payload.

    What the payload changes in price, stock or status is recorded in the listing's history: as
    Mercado Livre's, or as ``made_by``'s when the payload is Mercado Livre's answer to melihub's write.
    """
    ml_id = external_id(raw, "item")
    before = await changes.stored_state(session, account.tenant_id, ml_id)  # None: a listing seen for the first time
    version = item_version(raw, description)
    result = await apply_resource(
        session,
        account,
        Listing,
        entity_type=ENTITY,
        key_type=KEY_TYPE,
        ml_id=ml_id,
        raw=raw,
        version=version,
        values=listing_values(account, raw, description),
        event_id=event_id,
    )
    if result.entity_id is None:
        return result
    recorded = 0
    if result.changed:
        await sync_variations(session, account, result.entity_id, raw)
        await record_listings(session, [result.entity_id])  # every path that stores a listing: its stock history
        if before is not None:
            after = changes.state_of_raw(raw)
            recorded = await changes.record_changes(
                session, account.tenant_id, result.entity_id, before, after, version.token, made_by
            )
    if made_by is not None and not recorded:
        await changes.claim_as_melihub(session, result.entity_id, version.token, made_by)
    return result


def variation_row(account: MeliAccount, item_id: uuid.UUID, variation: dict[str, Any]) -> dict[str, Any] | None:
    ml_id = as_int(variation.get("id"))
    if ml_id is None:
        return None
    return {
        "id": uuid.uuid4(),
        "tenant_id": account.tenant_id,
        "item_id": item_id,
        "ml_id": ml_id,
        "sku": seller_sku(variation),
        "price": money(variation.get("price")),
        "available_quantity": as_int(variation.get("available_quantity")) or 0,
        "sold_quantity": as_int(variation.get("sold_quantity")) or 0,
        "attribute_combinations": [c for c in variation.get("attribute_combinations") or [] if isinstance(c, dict)],
        "raw": variation,
    }


async def sync_variations(session: AsyncSession, account: MeliAccount, item_id: uuid.UUID, raw: dict[str, Any]) -> None:
    """Upsert variations by ML variation id; delete the item's variations the payload no longer has."""
    table = table_of(Variation)
    built = (variation_row(account, item_id, as_dict(v)) for v in raw.get("variations") or [])
    rows = list({row["ml_id"]: row for row in built if row}.values())  # one row per variation id
    keep = [row["ml_id"] for row in rows]
    await session.exec(delete(table).where(table.c.item_id == item_id, table.c.ml_id.not_in(keep)))
    if not rows:
        return
    statement = insert(table).values(rows)
    updated = ("item_id", "sku", "price", "available_quantity", "sold_quantity", "attribute_combinations", "raw")
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.ml_id],
        set_={name: excluded_of(table)[name] for name in updated},
    )
    await session.exec(statement)
