"""``MeliClient``: typed resource methods over the request pipeline.

Every method takes the :class:`AccountRef` whose token is used first. One client (one
``httpx.AsyncClient``) serves every account of a process::

    client = MeliClient(MeliClientConfig.from_settings(settings), redis=redis, token_store=store)
    order = await client.get_order(account, 2000009876543201)
    order.raw  # the JSON as ML sent it
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from melihub.meli.billing import BillingApi
from melihub.meli.comms import CommsApi
from melihub.meli.config import MeliClientConfig
from melihub.meli.errors import MeliError, error_for
from melihub.meli.models import (
    Category,
    CategoryAttribute,
    Item,
    ItemDescription,
    ItemPerformance,
    ItemResult,
    ItemSearchPage,
    Order,
    OrderSearchPage,
    Pack,
    Shipment,
    ShipmentItem,
    ShipmentLabels,
    User,
)
from melihub.meli.pipeline import MeliResponse
from melihub.meli.tokens import AccountRef
from melihub.meli.visits import VisitsApi

MULTIGET_MAX = 20
ITEM_SEARCH_MAX_OFFSET = 1000  # offset + limit may not pass 1000 (reference §5.7); use scan beyond
ITEM_SEARCH_MAX_LIMIT = 100
ORDER_SEARCH_MAX_LIMIT = 50
LABELS_MAX = 50
NEW_FORMAT = {"x-format-new": "true"}

__all__ = ["MeliClient", "MeliClientConfig", "format_ml_datetime", "shipments_named_in"]


def format_ml_datetime(value: datetime) -> str:
    """``2025-03-01T00:00:00.000-00:00``: millis and an explicit offset (ML refuses ``Z``; unsure)."""
    if value.tzinfo is None:
        raise ValueError("order search dates need an explicit offset (timezone-aware datetime)")
    text = value.isoformat(timespec="milliseconds")
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


def _chunks(values: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


_DIGITS = re.compile(r"\d+")


def shipments_named_in(error: MeliError, asked: Sequence[int]) -> list[int]:
    """The asked shipment ids a ``/shipment_labels`` 400 names as not ready to print, in asked order.

    The reference says the ``cause`` lists the ids but not in what shape (unsure): plain ids, strings
    holding them, or objects mentioning them all count, and so does the message.
    """
    text = jsonlib.dumps(error.cause, default=str) + " " + (error.message or "")
    named = {int(digits) for digits in _DIGITS.findall(text)}
    return [shipment_id for shipment_id in dict.fromkeys(int(i) for i in asked) if shipment_id in named]


class MeliClient(CommsApi, VisitsApi, BillingApi):
    """The Mercado Livre API client production uses (see :class:`MeliHttp` for the pipeline)."""

    # ---- users ---------------------------------------------------------------------------------

    async def get_me(self, account: AccountRef) -> User:
        return User.from_raw(await self.get_json(account, "/users/me"))

    async def get_user(self, account: AccountRef, user_id: int) -> User:
        return User.from_raw(await self.get_json(account, f"/users/{int(user_id)}"))

    # ---- items ---------------------------------------------------------------------------------

    async def get_item(self, account: AccountRef, item_id: str, *, attributes: Sequence[str] | None = None) -> Item:
        params = {"attributes": ",".join(attributes)} if attributes else None
        return Item.from_raw(await self.get_json(account, f"/items/{item_id}", params=params))

    async def get_items(
        self, account: AccountRef, item_ids: Sequence[str], *, attributes: Sequence[str] | None = None
    ) -> list[ItemResult]:
        """Multiget in chunks of 20; one :class:`ItemResult` per distinct id, in request order.

        A missing item is an entry with ``code == 404`` and ``error`` set, not an exception.
        """
        results: list[ItemResult] = []
        for chunk in _chunks(_unique(item_ids), MULTIGET_MAX):
            params = {"ids": ",".join(chunk)}
            if attributes:
                params["attributes"] = ",".join(attributes)
            entries = await self.get_json(account, "/items", params=params)
            results.extend(self._multiget_entries(chunk, entries if isinstance(entries, list) else []))
        return results

    @staticmethod
    def _multiget_entries(chunk: list[str], entries: list[Any]) -> list[ItemResult]:
        by_id = {e["body"]["id"]: e for e in entries if isinstance(e.get("body"), dict) and "id" in e["body"]}
        ordered = entries if len(entries) == len(chunk) else [by_id.get(i, {}) for i in chunk]
        results = []
        for item_id, entry in zip(chunk, ordered, strict=True):
            code = int(entry.get("code") or 0)
            body = entry.get("body")
            if code == 200 and isinstance(body, dict):
                results.append(ItemResult(item_id, code, Item.from_raw(body), None, entry))
            else:
                content = jsonlib.dumps(body).encode() if body is not None else b""
                error = error_for(code or 404, content, method="GET", path=f"/items?ids={item_id}")
                results.append(ItemResult(item_id, code or 404, None, error, entry))
        return results

    async def get_item_description(self, account: AccountRef, item_id: str) -> ItemDescription:
        return ItemDescription.from_raw(await self.get_json(account, f"/items/{item_id}/description"))

    async def get_item_performance(self, account: AccountRef, item_id: str) -> ItemPerformance:
        return ItemPerformance.from_raw(await self.get_json(account, f"/item/{item_id}/performance"))

    # ---- categories (public; reference §13) -----------------------------------------------------

    async def get_category(self, account: AccountRef, category_id: str) -> Category:
        """``GET /categories/{id}``: name, ``path_from_root`` and ``settings``; unknown -> ``NotFound``."""
        return Category.from_raw(await self.get_json(account, f"/categories/{category_id}"))

    async def get_category_attributes(self, account: AccountRef, category_id: str) -> list[CategoryAttribute]:
        """``GET /categories/{id}/attributes``: what a listing of the category can (or must) fill."""
        data = await self.get_json(account, f"/categories/{category_id}/attributes")
        entries = data if isinstance(data, list) else []
        return [CategoryAttribute.from_raw(entry) for entry in entries if isinstance(entry, dict)]

    async def search_item_ids(
        self,
        account: AccountRef,
        *,
        status: str | None = None,
        sku: str | None = None,
        order: str | None = None,
        offset: int = 0,
        limit: int = 50,
        seller_id: int | None = None,
    ) -> ItemSearchPage:
        """One page of the seller's item ids. ``offset + limit`` is capped at 1000 (use scan beyond)."""
        if offset < 0 or offset >= ITEM_SEARCH_MAX_OFFSET:
            raise ValueError(f"offset must be in [0, {ITEM_SEARCH_MAX_OFFSET}); use scan_item_ids")
        limit = max(1, min(limit, ITEM_SEARCH_MAX_LIMIT, ITEM_SEARCH_MAX_OFFSET - offset))
        params: dict[str, Any] = {"offset": offset, "limit": limit}
        params.update({k: v for k, v in {"status": status, "seller_sku": sku, "orders": order}.items() if v})
        path = f"/users/{seller_id or account.ml_user_id}/items/search"
        return ItemSearchPage.from_raw(await self.get_json(account, path, params=params))

    async def scan_item_ids_page(
        self, account: AccountRef, *, scroll_id: str | None = None, status: str | None = None, limit: int = 100
    ) -> ItemSearchPage:
        """One page of ``search_type=scan``; pass the last page's ``scroll_id`` for the next (it expires)."""
        params: dict[str, Any] = {"search_type": "scan", "limit": min(limit, ITEM_SEARCH_MAX_LIMIT)}
        if status:
            params["status"] = status
        if scroll_id:
            params["scroll_id"] = scroll_id
        path = f"/users/{account.ml_user_id}/items/search"
        return ItemSearchPage.from_raw(await self.get_json(account, path, params=params))

    async def scan_item_ids(
        self,
        account: AccountRef,
        *,
        status: str | None = None,
        limit: int = 100,
        seller_id: int | None = None,
    ) -> AsyncIterator[str]:
        """Every item id of the seller with ``search_type=scan``, following ``scroll_id`` to the end."""
        path = f"/users/{seller_id or account.ml_user_id}/items/search"
        params: dict[str, Any] = {"search_type": "scan", "limit": min(limit, ITEM_SEARCH_MAX_LIMIT)}
        if status:
            params["status"] = status
        while True:
            page = ItemSearchPage.from_raw(await self.get_json(account, path, params=params))
            for item_id in page.results:
                yield item_id
            if not page.results or not page.scroll_id:
                return
            params["scroll_id"] = page.scroll_id

    async def update_item(self, account: AccountRef, item_id: str, changes: Mapping[str, Any]) -> Item:
        """``PUT /items/{id}`` with a partial item. 409 raises ``Conflict`` (re-read, then decide)."""
        response = await self.request(account, "PUT", f"/items/{item_id}", json=dict(changes))
        return Item.from_raw(response.json())

    # ---- orders --------------------------------------------------------------------------------

    async def get_order(self, account: AccountRef, order_id: int) -> Order:
        return Order.from_raw(await self.get_json(account, f"/orders/{int(order_id)}"))

    async def search_orders(
        self,
        account: AccountRef,
        *,
        status: str | None = None,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        updated_from: datetime | None = None,
        updated_to: datetime | None = None,
        sort: str = "date_asc",
        offset: int = 0,
        limit: int = ORDER_SEARCH_MAX_LIMIT,
        seller_id: int | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> OrderSearchPage:
        """One page of ``/orders/search`` (``limit`` <= 50; dates need a timezone)."""
        if not 1 <= limit <= ORDER_SEARCH_MAX_LIMIT:
            raise ValueError(f"limit must be in [1, {ORDER_SEARCH_MAX_LIMIT}]")
        params: dict[str, Any] = {
            "seller": seller_id or account.ml_user_id,
            "sort": sort,
            "offset": offset,
            "limit": limit,
        }
        dates = {
            "order.date_created.from": created_from,
            "order.date_created.to": created_to,
            "order.date_last_updated.from": updated_from,
            "order.date_last_updated.to": updated_to,
        }
        params.update({k: format_ml_datetime(v) for k, v in dates.items() if v is not None})
        if status:
            params["order.status"] = status
        params.update(extra or {})
        return OrderSearchPage.from_raw(await self.get_json(account, "/orders/search", params=params))

    async def iter_orders(
        self, account: AccountRef, *, page_size: int = ORDER_SEARCH_MAX_LIMIT, **filters: Any
    ) -> AsyncIterator[Order]:
        """Every order matching ``filters`` (as :meth:`search_orders`), page after page, once each."""
        seen: set[int] = set()
        offset = 0
        while True:
            page = await self.search_orders(account, offset=offset, limit=page_size, **filters)
            for order in page.results:
                if order.id not in seen:
                    seen.add(order.id)
                    yield order
            offset += len(page.results)
            total = page.paging.total if page.paging and page.paging.total is not None else None
            if not page.results or (total is not None and offset >= total):
                return

    async def get_pack(self, account: AccountRef, pack_id: int) -> Pack:
        return Pack.from_raw(await self.get_json(account, f"/packs/{int(pack_id)}"))

    # ---- shipments -----------------------------------------------------------------------------

    async def get_shipment(self, account: AccountRef, shipment_id: int) -> Shipment:
        data = await self.get_json(account, f"/shipments/{int(shipment_id)}", headers=NEW_FORMAT)
        return Shipment.from_raw(data)

    async def get_shipment_items(self, account: AccountRef, shipment_id: int) -> list[ShipmentItem]:
        data = await self.get_json(account, f"/shipments/{int(shipment_id)}/items", headers=NEW_FORMAT)
        entries = data.get("items", data.get("results", [])) if isinstance(data, dict) else data
        return [ShipmentItem.from_raw(entry) for entry in entries or []]

    async def get_shipment_labels(
        self, account: AccountRef, shipment_ids: Sequence[int], response_type: str = "pdf"
    ) -> list[ShipmentLabels]:
        """Labels in batches of <= 50 ids: PDF (``pdf``) or a ZIP of ZPL (``zpl2``), one per batch."""
        if response_type not in {"pdf", "zpl2"}:
            raise ValueError("response_type must be 'pdf' or 'zpl2'")
        labels = []
        for batch in _chunks([int(i) for i in dict.fromkeys(shipment_ids)], LABELS_MAX):
            response: MeliResponse = await self.request(
                account,
                "GET",
                "/shipment_labels",
                params={"shipment_ids": ",".join(map(str, batch)), "response_type": response_type},
                headers={"Accept": "application/pdf, application/zip, application/octet-stream, */*"},
            )
            labels.append(ShipmentLabels(batch, response.content, response.content_type, response_type))
        return labels
