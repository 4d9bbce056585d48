"""The pick list of some shipments: what to take off the shelves, one line per listing, variation and SKU.

Lines come from the order lines of every live order the shipments carry (a pack's orders ship together;
a cancelled order of a pack is not picked), with their quantities summed and the orders and shipments
that need them. Titles are the order lines' own (what the buyer bought); the thumbnail is the variation's
first picture when the listing is held with its pictures, else the listing's thumbnail.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing, Variation
from melihub.db.paging import account_condition, visible
from melihub.errors import DomainError
from melihub.fulfilment.states import CANCELLED_ORDER_STATUSES
from melihub.orders.models import Order, OrderItem
from melihub.shipments.models import Shipment

MAX_SHIPMENTS = 500
LineKey = tuple[str, int | None, str | None]  # item ML id, variation ML id, SKU


@dataclass
class PickLine:
    item_ml_id: str
    variation_ml_id: int | None
    sku: str | None
    title: str
    quantity: int = 0
    variation_label: str | None = None
    thumbnail: str | None = None
    order_ids: list[uuid.UUID] = field(default_factory=list)
    shipment_ids: list[uuid.UUID] = field(default_factory=list)
    order_ml_ids: list[int] = field(default_factory=list)
    shipment_ml_ids: list[int] = field(default_factory=list)


@dataclass
class PickList:
    shipments: list[Shipment]  # in the order asked
    lines: list[PickLine]
    orders: dict[uuid.UUID, Order]  # the live orders the lines come from

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


async def pick_list(session: AsyncSession, principal: Principal, shipment_ids: Sequence[uuid.UUID]) -> PickList:
    """The pick list of these shipments; ``NOT_FOUND`` on ``shipmentIds`` when one is not visible."""
    principal.require(Permission.READ)
    asked = list(dict.fromkeys(shipment_ids))
    if not asked:
        raise DomainError("give at least one shipment id", field="shipmentIds", code="BAD_USER_INPUT")
    if len(asked) > MAX_SHIPMENTS:
        raise DomainError(
            f"at most {MAX_SHIPMENTS} shipments per pick list", field="shipmentIds", code="BAD_USER_INPUT"
        )
    found = {s.id: s for s in (await session.exec(visible(Shipment, principal).where(col(Shipment.id).in_(asked))))}
    if len(found) < len(asked):
        raise DomainError("no shipment with one of these ids is visible to you", field="shipmentIds", code="NOT_FOUND")
    shipments = [found[shipment_id] for shipment_id in asked]
    by_ml_id = {shipment.ml_id: shipment for shipment in shipments}
    orders = await _live_orders(session, principal, list(by_ml_id))
    lines = _lines(orders, await _order_items(session, principal, list(orders)), by_ml_id)
    await _describe(session, principal, lines)
    return PickList(shipments, sorted(lines.values(), key=_shelf_order), orders)


async def _live_orders(
    session: AsyncSession, principal: Principal, shipment_ml_ids: list[int]
) -> dict[uuid.UUID, Order]:
    query = visible(Order, principal).where(
        col(Order.shipment_ml_id).in_(shipment_ml_ids), col(Order.status).not_in(CANCELLED_ORDER_STATUSES)
    )
    return {order.id: order for order in (await session.exec(query.order_by(col(Order.ml_id)))).all()}


async def _order_items(session: AsyncSession, principal: Principal, order_ids: list[uuid.UUID]) -> list[OrderItem]:
    if not order_ids:
        return []
    query = (
        select(OrderItem)
        .where(col(OrderItem.tenant_id) == principal.tenant_id, col(OrderItem.order_id).in_(order_ids))
        .order_by(col(OrderItem.order_id), col(OrderItem.line_no))
    )
    return list((await session.exec(query)).all())


def _lines(
    orders: dict[uuid.UUID, Order], items: list[OrderItem], shipments: dict[int, Shipment]
) -> dict[LineKey, PickLine]:
    lines: dict[LineKey, PickLine] = {}
    for item in items:
        order = orders[item.order_id]
        shipment = shipments[order.shipment_ml_id] if order.shipment_ml_id is not None else None
        key = (item.item_ml_id, item.variation_ml_id, item.sku)
        line = lines.setdefault(key, PickLine(item.item_ml_id, item.variation_ml_id, item.sku, item.title))
        line.quantity += item.quantity
        line.title = line.title or item.title
        if order.id not in line.order_ids:
            line.order_ids.append(order.id)
            line.order_ml_ids.append(order.ml_id)
        if shipment is not None and shipment.id not in line.shipment_ids:
            line.shipment_ids.append(shipment.id)
            line.shipment_ml_ids.append(shipment.ml_id)
    return lines


async def _describe(session: AsyncSession, principal: Principal, lines: dict[LineKey, PickLine]) -> None:
    """Thumbnails and variation labels, from the listings and variations melihub holds."""
    item_ids = sorted({line.item_ml_id for line in lines.values()})
    if not item_ids:
        return
    listings = (
        await session.exec(
            select(Listing.ml_id, Listing.thumbnail, Listing.raw["pictures"]).where(
                col(Listing.tenant_id) == principal.tenant_id,
                col(Listing.ml_id).in_(item_ids),
                account_condition(col(Listing.meli_account_id), principal, None),
            )
        )
    ).all()
    held = {ml_id: (thumbnail, pictures) for ml_id, thumbnail, pictures in listings}
    variation_ids = sorted({line.variation_ml_id for line in lines.values() if line.variation_ml_id is not None})
    variations: dict[int, tuple[Any, Any]] = {}
    if variation_ids:
        rows = await session.exec(
            select(Variation.ml_id, Variation.attribute_combinations, Variation.raw["picture_ids"]).where(
                col(Variation.tenant_id) == principal.tenant_id, col(Variation.ml_id).in_(variation_ids)
            )
        )
        variations = {ml_id: (combinations, pictures) for ml_id, combinations, pictures in rows.all()}
    for line in lines.values():
        thumbnail, pictures = held.get(line.item_ml_id, (None, None))
        combinations, picture_ids = variations.get(line.variation_ml_id or -1, ([], None))
        line.variation_label = variation_label(combinations)
        line.thumbnail = picture_url(pictures, picture_ids) or thumbnail


def variation_label(combinations: list[dict[str, Any]]) -> str | None:
    """``Preto / M`` from a variation's attribute combinations (None without any)."""
    values = [str(c.get("value_name")) for c in combinations or [] if isinstance(c, dict) and c.get("value_name")]
    return " / ".join(values) or None


def picture_url(pictures: Any, picture_ids: Any) -> str | None:
    """The URL of the variation's first picture among the listing's pictures (https when given)."""
    if not isinstance(pictures, list) or not isinstance(picture_ids, list) or not picture_ids:
        return None
    urls = {
        picture.get("id"): picture.get("secure_url") or picture.get("url")
        for picture in pictures
        if isinstance(picture, dict)
    }
    return next((urls[picture_id] for picture_id in picture_ids if urls.get(picture_id)), None)


def _shelf_order(line: PickLine) -> tuple[bool, str, str, str]:
    """By SKU (shelves usually follow it), lines without one last; then by title and variation."""
    return (line.sku is None, line.sku or "", line.title.casefold(), line.variation_label or "")
