"""Orders (lines, payments, buyer), packs, shipments (x-format-new) and shipment items."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from melihub.meli.models.base import IdRef, MeliModel, Money


class VariationAttribute(MeliModel):
    id: str | None = None
    name: str | None = None
    value_id: str | None = None
    value_name: str | None = None


class OrderItemRef(MeliModel):
    """The item snapshot inside an order line (kept even if the item was deleted since)."""

    id: str
    title: str | None = None
    category_id: str | None = None
    variation_id: int | None = None
    variation_attributes: list[VariationAttribute] = Field(default_factory=list)
    seller_custom_field: str | None = None
    seller_sku: str | None = None
    warranty: str | None = None
    condition: str | None = None


class OrderLine(MeliModel):
    item: OrderItemRef
    quantity: int
    unit_price: Money
    full_unit_price: Money | None = None
    currency_id: str | None = None
    sale_fee: Money | None = None  # per unit in the fixtures (unsure for every site)
    listing_type_id: str | None = None

    @property
    def sku(self) -> str | None:
        return self.item.seller_sku or self.item.seller_custom_field or None

    @property
    def line_total(self) -> Money:
        return self.unit_price * self.quantity


class Payment(MeliModel):
    id: int
    order_id: int | None = None
    payer_id: int | None = None
    collector: IdRef | None = None
    status: str | None = None
    status_detail: str | None = None
    transaction_amount: Money | None = None
    transaction_amount_refunded: Money | None = None
    shipping_cost: Money | None = None
    total_paid_amount: Money | None = None
    currency_id: str | None = None
    payment_method_id: str | None = None
    payment_type: str | None = None
    installments: int | None = None
    date_created: datetime | None = None
    date_approved: datetime | None = None
    date_last_modified: datetime | None = None


class Buyer(MeliModel):
    id: int
    nickname: str | None = None


class Order(MeliModel):
    """``GET /orders/{id}`` (also the entries of ``/orders/search``)."""

    id: int
    status: str
    status_detail: str | None = None
    date_created: datetime | None = None
    date_closed: datetime | None = None
    last_updated: datetime | None = None
    expiration_date: datetime | None = None
    pack_id: int | None = None
    order_items: list[OrderLine] = Field(default_factory=list)
    total_amount: Money | None = None
    paid_amount: Money | None = None
    currency_id: str | None = None
    payments: list[Payment] = Field(default_factory=list)
    shipping: IdRef | None = None
    buyer: Buyer | None = None
    seller: IdRef | None = None
    tags: list[str] = Field(default_factory=list)
    cancel_detail: dict[str, Any] | None = None
    mediations: list[IdRef] = Field(default_factory=list)
    fulfilled: bool | None = None
    context: dict[str, Any] | None = None

    @property
    def shipment_id(self) -> int | None:
        return self.shipping.id if self.shipping else None

    @property
    def seller_id(self) -> int | None:
        return self.seller.id if self.seller else None

    @property
    def message_pack_id(self) -> int:
        """Id of the message thread: the pack, or the order itself when not in a cart."""
        return self.pack_id if self.pack_id is not None else self.id


class Pack(MeliModel):
    id: int
    status: str | None = None
    status_detail: str | None = None
    date_created: datetime | None = None
    last_updated: datetime | None = None
    family_pack_id: int | None = None
    buyer: IdRef | None = None
    shipment: IdRef | None = None
    orders: list[IdRef] = Field(default_factory=list)

    @property
    def order_ids(self) -> list[int]:
        return [o.id for o in self.orders if o.id is not None]


class ShipmentLogistic(MeliModel):
    direction: str | None = None
    mode: str | None = None
    type: str | None = None


class ShipmentDestination(MeliModel):
    type: str | None = None
    receiver_id: int | None = None
    receiver_name: str | None = None
    receiver_phone: str | None = None
    comments: str | None = None
    shipping_address: dict[str, Any] | None = None


class ShipmentOrigin(MeliModel):
    type: str | None = None
    sender_id: int | None = None
    shipping_address: dict[str, Any] | None = None


class ShipmentLeadTime(MeliModel):
    cost: Money | None = None
    list_cost: Money | None = None
    cost_type: str | None = None
    currency_id: str | None = None
    shipping_method: dict[str, Any] | None = None
    estimated_delivery_time: dict[str, Any] | None = None
    estimated_delivery_limit: dict[str, Any] | None = None


class Shipment(MeliModel):
    """``GET /shipments/{id}`` with ``x-format-new: true``."""

    id: int
    status: str
    substatus: str | None = None
    date_created: datetime | None = None
    last_updated: datetime | None = None
    declared_value: Money | None = None
    dimensions: dict[str, Any] | None = None
    logistic: ShipmentLogistic | None = None
    source: dict[str, Any] | None = None
    tracking_number: str | None = None
    tracking_method: str | None = None
    origin: ShipmentOrigin | None = None
    destination: ShipmentDestination | None = None
    lead_time: ShipmentLeadTime | None = None
    tags: list[str] = Field(default_factory=list)
    items_types: list[str] = Field(default_factory=list)


class ShipmentItem(MeliModel):
    """An entry of ``GET /shipments/{id}/items`` (shape unsure: everything but item_id optional)."""

    item_id: str
    quantity: int | None = None
    variation_id: int | None = None
    order_id: int | None = None
    description: str | None = None
    dimensions: str | dict[str, Any] | None = None
    sender_id: int | None = None
