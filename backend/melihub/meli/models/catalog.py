"""Users, items (with variations and attributes), descriptions, listing quality and categories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field, field_validator

from melihub.meli.models.base import MeliModel, Money

SELLER_SKU = "SELLER_SKU"
GTIN = "GTIN"


class SellerReputation(MeliModel):
    level_id: str | None = None
    power_seller_status: str | None = None
    transactions: dict[str, Any] | None = None
    metrics: dict[str, Any] | None = None


class User(MeliModel):
    """``GET /users/me`` or ``/users/{id}`` (the public view has fewer fields)."""

    id: int
    nickname: str | None = None
    site_id: str | None = None
    country_id: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    user_type: str | None = None
    tags: list[str] = Field(default_factory=list)
    permalink: str | None = None
    registration_date: datetime | None = None
    seller_reputation: SellerReputation | None = None
    status: dict[str, Any] | None = None

    @property
    def is_user_product_seller(self) -> bool:
        """Migrated to User Products (reference §5.5): variations are separate items."""
        return "user_product_seller" in self.tags


class AttributeValue(MeliModel):
    id: str | None = None
    name: str | None = None
    struct: Any = None


class Attribute(MeliModel):
    """An item/variation attribute or a variation's ``attribute_combinations`` entry."""

    id: str
    name: str | None = None
    value_id: str | None = None
    value_name: str | None = None
    values: list[AttributeValue] = Field(default_factory=list)
    value_type: str | None = None

    @property
    def text(self) -> str | None:
        """The value as text: ``value_name``, else the first value's name."""
        if self.value_name:
            return self.value_name
        return next((v.name for v in self.values if v.name), None)


def _attribute(attributes: list[Attribute], attribute_id: str) -> Attribute | None:
    return next((a for a in attributes if a.id == attribute_id), None)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


class Variation(MeliModel):
    id: int
    price: Money | None = None
    available_quantity: int = 0
    sold_quantity: int = 0
    attribute_combinations: list[Attribute] = Field(default_factory=list)
    attributes: list[Attribute] = Field(default_factory=list)
    picture_ids: list[str] = Field(default_factory=list)
    seller_custom_field: str | None = None
    catalog_product_id: str | None = None
    inventory_id: str | None = None

    def attribute(self, attribute_id: str) -> Attribute | None:
        return _attribute(self.attributes, attribute_id)

    @property
    def sku(self) -> str | None:
        """SELLER_SKU attribute, else the legacy ``seller_custom_field``."""
        attr = self.attribute(SELLER_SKU)
        return _clean(attr.text if attr else None) or _clean(self.seller_custom_field)

    @property
    def label(self) -> str:
        """Human label of the combination, e.g. ``Preto / M``."""
        return " / ".join(c.text or "" for c in self.attribute_combinations)


class ItemShipping(MeliModel):
    mode: str | None = None
    logistic_type: str | None = None
    free_shipping: bool | None = None
    local_pick_up: bool | None = None
    tags: list[str] = Field(default_factory=list)


class Item(MeliModel):
    """``GET /items/{id}``. Multiget with ``attributes=`` returns trimmed bodies: only ``id`` is sure."""

    id: str
    site_id: str | None = None
    seller_id: int | None = None
    title: str | None = None
    category_id: str | None = None
    domain_id: str | None = None
    price: Money | None = None
    base_price: Money | None = None
    original_price: Money | None = None
    currency_id: str | None = None
    available_quantity: int | None = None
    sold_quantity: int | None = None
    initial_quantity: int | None = None
    status: str | None = None
    sub_status: list[str] = Field(default_factory=list)
    listing_type_id: str | None = None
    condition: str | None = None
    shipping: ItemShipping | None = None
    attributes: list[Attribute] = Field(default_factory=list)
    variations: list[Variation] = Field(default_factory=list)
    seller_custom_field: str | None = None
    pictures: list[dict[str, Any]] = Field(default_factory=list)
    thumbnail: str | None = None
    permalink: str | None = None
    tags: list[str] = Field(default_factory=list)
    warranty: str | None = None
    date_created: datetime | None = None
    last_updated: datetime | None = None
    user_product_id: str | None = None
    family_name: str | None = None
    catalog_listing: bool | None = None
    catalog_product_id: str | None = None

    def attribute(self, attribute_id: str) -> Attribute | None:
        return _attribute(self.attributes, attribute_id)

    def variation(self, variation_id: int) -> Variation | None:
        return next((v for v in self.variations if v.id == variation_id), None)

    @property
    def gtin(self) -> str | None:
        attr = self.attribute(GTIN)
        return _clean(attr.text if attr else None)

    @property
    def item_sku(self) -> str | None:
        """Item-level SKU: SELLER_SKU attribute, else ``seller_custom_field``."""
        attr = self.attribute(SELLER_SKU)
        return _clean(attr.text if attr else None) or _clean(self.seller_custom_field)

    def sku_for(self, variation_id: int | None = None) -> str | None:
        """SKU resolution of reference §5.2.

        variation SELLER_SKU -> variation ``seller_custom_field`` -> (item without variations)
        item SELLER_SKU -> item ``seller_custom_field``. An item with variations has no item-level
        SKU for a line: an unknown/missing variation gives ``None``.
        """
        if self.variations:
            variation = self.variation(variation_id) if variation_id is not None else None
            return variation.sku if variation else None
        return self.item_sku

    def skus(self) -> dict[int | None, str | None]:
        """SKU per variation id (``{None: sku}`` for an item without variations)."""
        if not self.variations:
            return {None: self.item_sku}
        return {v.id: v.sku for v in self.variations}

    @property
    def is_discounted(self) -> bool:
        return self.original_price is not None and self.price is not None and self.original_price > self.price


class ItemDescription(MeliModel):
    text: str = ""
    plain_text: str = ""
    last_updated: datetime | None = None
    date_created: datetime | None = None
    snapshot: dict[str, Any] | None = None


class ItemPerformance(MeliModel):
    """``GET /item/{id}/performance`` (listing quality; ``level`` wording unsure)."""

    entity_type: str | None = None
    entity_id: str | None = None
    score: int | None = None
    level: str | None = None
    level_wording: str | None = None
    calculated_at: datetime | None = None
    buckets: list[dict[str, Any]] = Field(default_factory=list)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return value is not None and str(value).strip().lower() not in ("", "0", "false", "no", "null")


class CategoryRef(MeliModel):
    """An entry of a category's ``path_from_root``."""

    id: str
    name: str | None = None


class Category(MeliModel):
    """``GET /categories/{id}`` (reference §13; public). ``settings`` varies by site: kept as ML sends it."""

    id: str
    name: str | None = None
    path_from_root: list[CategoryRef] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)


class CategoryAttribute(MeliModel):
    """An entry of ``GET /categories/{id}/attributes`` (reference §13).

    ``tags`` holds flags such as ``required``, ``catalog_required``, ``conditional_required``,
    ``allow_variations``, ``variation_attribute``, ``hidden``, ``fixed``, ``read_only`` (which appear on
    every site is unsure); ML sends only the set ones, so an absent tag reads as false.
    """

    id: str
    name: str | None = None
    tags: dict[str, bool] = Field(default_factory=dict)
    value_type: str | None = None  # string | number | number_unit | boolean | list
    values: list[AttributeValue] = Field(default_factory=list)  # ``{id, name}``: the values a list offers
    value_max_length: int | None = None
    attribute_group_id: str | None = None
    attribute_group_name: str | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _flags(cls, value: Any) -> Any:
        """A list of tag names counts as those tags set; any other value of a tag, by its truth."""
        if isinstance(value, list):
            return {str(tag): True for tag in value}
        if isinstance(value, dict):
            return {str(tag): _flag(flag) for tag, flag in value.items()}
        return value

    def tagged(self, tag: str) -> bool:
        return bool(self.tags.get(tag))

    @property
    def required(self) -> bool:
        """Required to list (``required``) or to join the catalog (``catalog_required``)."""
        return self.tagged("required") or self.tagged("catalog_required")

    @property
    def hidden(self) -> bool:
        return self.tagged("hidden")

    @property
    def variation_attribute(self) -> bool:
        return self.tagged("allow_variations") or self.tagged("variation_attribute")
