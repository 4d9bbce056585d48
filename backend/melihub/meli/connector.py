"""The marketplace-neutral seam the rest of melihub talks to, and its Mercado Livre implementation.

Everything crosses the seam as :class:`Fetched`: the marketplace, the kind of record, its external
id (always a string), the raw JSON for storage and the marketplace's typed model for mappers.
A Shopee connector would implement the same protocol beside :class:`MeliConnector`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from melihub.meli.billing import BillingIdentity
from melihub.meli.client import MeliClient
from melihub.meli.errors import NotFound
from melihub.meli.models import (
    CategoryAttribute,
    Claim,
    Item,
    ItemPerformance,
    MeliModel,
    Message,
    Order,
    Question,
    Shipment,
)
from melihub.meli.tokens import AccountRef

MARKETPLACE_MELI = "meli"


@dataclass(frozen=True)
class Fetched:
    marketplace: str
    kind: str  # order | item | shipment | question | message | claim | resource
    external_id: str
    raw: dict[str, Any] = field(repr=False)
    model: Any = field(repr=False, default=None)


@runtime_checkable
class MarketplaceConnector(Protocol):
    """One seller account on one marketplace."""

    @property
    def marketplace(self) -> str: ...

    async def fetch_order(self, order_id: str) -> Fetched: ...

    async def fetch_item(self, item_id: str) -> Fetched: ...

    async def fetch_shipment(self, shipment_id: str) -> Fetched: ...

    async def fetch_question(self, question_id: str) -> Fetched: ...

    def changed_orders_since(self, since: datetime, until: datetime | None = None) -> AsyncIterator[Fetched]:
        """Orders updated in ``[since, until]`` (incremental sync / reconciliation)."""
        ...

    async def answer_question(self, question_id: str, text: str) -> Fetched: ...

    async def update_stock(self, item_id: str, quantity: int, *, variation_id: str | None = None) -> Fetched: ...

    async def update_price(self, item_id: str, price: Decimal) -> Fetched: ...


_KINDS: tuple[tuple[type[MeliModel], str], ...] = (
    (Order, "order"),
    (Item, "item"),
    (Shipment, "shipment"),
    (Question, "question"),
    (Message, "message"),
    (Claim, "claim"),
)


def _fetched(model: MeliModel) -> Fetched:
    kind = next((name for cls, name in _KINDS if isinstance(model, cls)), "resource")
    external_id = str(model.raw.get("id", ""))
    return Fetched(MARKETPLACE_MELI, kind, external_id, model.raw, model)


class MeliConnector:
    """:class:`MarketplaceConnector` for one Mercado Livre seller account."""

    marketplace = MARKETPLACE_MELI

    def __init__(self, client: MeliClient, account: AccountRef) -> None:
        self.client = client
        self.account = account

    async def fetch_order(self, order_id: str) -> Fetched:
        return _fetched(await self.client.get_order(self.account, int(order_id)))

    async def fetch_item(self, item_id: str) -> Fetched:
        return _fetched(await self.client.get_item(self.account, item_id))

    async def fetch_shipment(self, shipment_id: str) -> Fetched:
        return _fetched(await self.client.get_shipment(self.account, int(shipment_id)))

    async def fetch_question(self, question_id: str) -> Fetched:
        return _fetched(await self.client.get_question(self.account, int(question_id)))

    async def fetch_message(self, message_id: str) -> Fetched:
        return _fetched(await self.client.get_message(self.account, message_id))

    async def fetch_claim(self, claim_id: str) -> Fetched:
        return _fetched(await self.client.get_claim(self.account, int(claim_id)))

    async def fetch_item_description(self, item_id: str) -> Fetched:
        return _fetched(await self.client.get_item_description(self.account, item_id))

    async def fetch_item_performance(self, item_id: str) -> ItemPerformance | None:
        """The listing's quality (reference §5.8); None when ML has none for it (404)."""
        try:
            return await self.client.get_item_performance(self.account, item_id)
        except NotFound:
            return None

    async def fetch_category_attributes(self, category_id: str) -> list[CategoryAttribute]:
        """The attributes the category asks for (reference §13), to judge a listing's completeness."""
        return await self.client.get_category_attributes(self.account, category_id)

    async def billing_identity(self, order_id: str) -> BillingIdentity | None:
        """The order's buyer's document and name from its billing data (reference §13); None when absent."""
        return await self.client.get_billing_identity(self.account, int(order_id))

    async def visits(self, item_ids: list[str], date_from: date, date_to: date) -> dict[str, dict[date, int]]:
        """Each listing's visits per day of ``date_from``..``date_to`` (reference §13)."""
        return await self.client.get_items_visits_by_day(self.account, item_ids, date_from, date_to)

    async def changed_orders_since(self, since: datetime, until: datetime | None = None) -> AsyncIterator[Fetched]:
        async for order in self.client.iter_orders(self.account, updated_from=since, updated_to=until, sort="date_asc"):
            yield _fetched(order)

    async def answer_question(self, question_id: str, text: str) -> Fetched:
        return _fetched(await self.client.post_answer(self.account, int(question_id), text))

    async def update_stock(self, item_id: str, quantity: int, *, variation_id: str | None = None) -> Fetched:
        """Set available stock; for a variation, every variation id is sent (omitted ones get deleted)."""
        if quantity < 0:
            raise ValueError("stock cannot be negative")
        if variation_id is None:
            changes = {"available_quantity": quantity}
            return _fetched(await self.client.update_item(self.account, item_id, changes))
        item = await self.client.get_item(self.account, item_id)
        target = int(variation_id)
        if item.variation(target) is None:
            raise ValueError(f"item {item_id} has no variation {variation_id}")
        variations = [
            {"id": v.id, "available_quantity": quantity if v.id == target else v.available_quantity}
            for v in item.variations
        ]
        return _fetched(await self.client.update_item(self.account, item_id, {"variations": variations}))

    async def update_price(self, item_id: str, price: Decimal) -> Fetched:
        """Set the price; legacy items with variations carry it on every variation."""
        if price <= 0:
            raise ValueError("price must be positive")
        item = await self.client.get_item(self.account, item_id)
        changes: dict[str, Any] = (
            {"variations": [{"id": v.id, "price": float(price)} for v in item.variations]}
            if item.variations
            else {"price": float(price)}
        )
        return _fetched(await self.client.update_item(self.account, item_id, changes))


def meli_connector(client: MeliClient, account: AccountRef) -> MarketplaceConnector:
    """The connector of one ML account, typed as the neutral protocol (checked by mypy)."""
    return MeliConnector(client, account)
