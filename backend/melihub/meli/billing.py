"""Buyers' billing data (reference §13; part of :class:`MeliClient`): the document and name of an order's buyer.

``GET /orders/{id}/billing_info`` is asked with ``x-version: 2``; sites still on v1 answer v1, so
:func:`parse_billing_identity` reads both shapes. Mercado Livre gives billing data only for some orders
(on MLB: pickup in store, fulfillment, cross docking, official stores, Mercado Líderes…; never on MLM):
the fields are absent then, which is ``None`` here, not an error. The document is returned as ML wrote it
(digits, or digits and punctuation); it is personal data, so :class:`BillingIdentity` keeps it out of its
``repr`` and callers must not log it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from melihub.meli.pipeline import MeliHttp
from melihub.meli.tokens import AccountRef

BILLING_V2 = {"x-version": "2"}


@dataclass(frozen=True)
class BillingIdentity:
    doc_type: str | None  # CPF, CNPJ, DNI, CUIT… (None when ML names no type)
    doc_number: str = field(repr=False)
    name: str | None = field(default=None, repr=False)  # "first last", or a company's name


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    cleaned = str(value).strip()
    return cleaned or None


def _full_name(*parts: Any) -> str | None:
    words = [text for part in parts if (text := _text(part))]
    return " ".join(words) or None


def _from_v2(info: dict[str, Any]) -> BillingIdentity | None:
    identification = info.get("identification")
    identification = identification if isinstance(identification, dict) else {}
    number = _text(identification.get("number"))
    if number is None:
        return None
    return BillingIdentity(
        _text(identification.get("type")), number, _full_name(info.get("name"), info.get("last_name"))
    )


def _from_v1(info: dict[str, Any]) -> BillingIdentity | None:
    """``doc_type``/``doc_number``, else their ``additional_info`` entries (some v1 answers carry only those)."""
    entries = info.get("additional_info")
    extra = {
        str(entry.get("type")): entry.get("value")
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and entry.get("type")
    }
    number = _text(info.get("doc_number")) or _text(extra.get("DOC_NUMBER"))
    if number is None:
        return None
    doc_type = _text(info.get("doc_type")) or _text(extra.get("DOC_TYPE"))
    name = _full_name(extra.get("FIRST_NAME"), extra.get("LAST_NAME")) or _text(extra.get("BUSINESS_NAME"))
    return BillingIdentity(doc_type, number, name)


def parse_billing_identity(data: Any) -> BillingIdentity | None:
    """The buyer's document and name from a v2 (``buyer.billing_info``) or v1 (``billing_info``) answer;
    ``None`` when ML gave no document (its "absent" shape is unsure: an empty, null or missing object)."""
    if not isinstance(data, dict):
        return None
    buyer = data.get("buyer")
    if isinstance(buyer, dict) and isinstance(buyer.get("billing_info"), dict):
        return _from_v2(buyer["billing_info"])
    info = data.get("billing_info")
    if isinstance(info, dict):
        # A v2 body's fields under a bare ``billing_info`` would carry ``identification``: read either.
        return _from_v2(info) if "identification" in info else _from_v1(info)
    return None


class BillingApi(MeliHttp):
    async def get_billing_info(self, account: AccountRef, order_id: int) -> Any:
        """The raw answer of ``/orders/{id}/billing_info`` (v2 where the site has it), in the orders budget."""
        return await self.get_json(account, f"/orders/{int(order_id)}/billing_info", headers=BILLING_V2)

    async def get_billing_identity(self, account: AccountRef, order_id: int) -> BillingIdentity | None:
        """The order's buyer's document and name; ``None`` when ML gives no billing data for the order."""
        return parse_billing_identity(await self.get_billing_info(account, order_id))
