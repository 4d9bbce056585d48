"""Buyers' billing data (reference §13) as the sandbox's world implies it, for ``/orders/{id}/billing_info``.

**Who the buyer is.** Deterministic per buyer id (a SHA-256 of it, never Python's salted ``hash``): the same
buyer has the same document and name in every order, world and run. One buyer in ``BUSINESS_SHARE`` buys as
a company. On MLB a person has a CPF and a company a CNPJ, on MLA a DNI and a CUIT, each with its real check
digits; other sites get their document types with plain digits (no sandbox world sells there yet). The name
and address are those of the receiver of the buyer's earliest order whose shipment names one (the fixture
world's buyers, all persons, get the names their shipments show: "João Pereira"; a generated world draws a
first name per shipment, so a buyer's later shipments may name another receiver of the same surname); a
company is named after that receiver's surname. A buyer without such a shipment gets a name from its id.

**When Mercado Livre gives it.** On MLM never (reference: ask the buyer through post-sale messages); on MLB
only when one of these holds for the order (the reference's list, as far as the world can tell them):

* pickup in store: the order has a ``pickup_id``;
* fulfillment or cross docking: its shipment's ``logistic.type`` is ``fulfillment`` or ``cross_docking``;
* a Mercado Líder: its seller's ``seller_reputation.power_seller_status`` is set (the fixture seller A is
  ``gold``, so its orders have billing data; clear it to see an MLB order without);
* an official store: one of its listings has an ``official_store_id``;

and on every other site always. Global selling and extended-warranty (Garex) purchases leave no mark the
sandbox's orders carry, so they do not count here. A test makes an order's billing data whatever it needs
with ``PUT /_sandbox/billing_info/{order_id}`` (the v2 body, served as stored; v1 is derived from it), as it
shapes orders with ``PUT /_sandbox/orders/{id}``.

**Unsure** (the reference does not say): the exact "absent" shape (here ``buyer.billing_info`` is ``{}`` in
v2 and ``billing_info`` is ``{}`` in v1); whether ``x-version: 2`` on a v1-only site is refused (here it gets
v1) and whether v1 still answers on MEC (here it does); whether ``xd_drop_off`` counts as cross docking (here
not); where a company's ``state_registration`` sits (the reference: ``taxes.state_registration``, ML's
Brazilian page: ``taxes.inscriptions.state_registration``; here the reference's); the v1 key of a company's
name (here ``BUSINESS_NAME``); documents come as digits only, as in ML's examples. ML's newer pages move this
to ``GET /orders/billing-info/{site_id}/{billing_info_id}``; the sandbox serves the reference's route.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from melihub.sandbox.world import Raw, World

V2_SITES = frozenset({"MLA", "MLB", "MLM", "MLC", "MCO", "MEC"})
NO_BILLING_SITES = frozenset({"MLM"})
SOME_ORDERS_SITES = frozenset({"MLB"})  # billing data only for the orders ``mlb_gives_billing`` accepts
BILLING_LOGISTICS = frozenset({"fulfillment", "cross_docking"})
BUSINESS_SHARE = 8
# (a person's document, a company's) per site.
DOCUMENT_TYPES = {
    "MLB": ("CPF", "CNPJ"),
    "MLA": ("DNI", "CUIT"),
    "MLC": ("RUT", "RUT"),
    "MCO": ("CC", "NIT"),
    "MEC": ("CI", "RUC"),
    "MLU": ("CI", "RUT"),
    "MPE": ("DNI", "RUC"),
}
FIRST_NAMES = ("Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor", "Isabela", "Júlio")
SURNAMES = ("Almeida", "Barbosa", "Cardoso", "Duarte", "Esteves", "Ferreira", "Gomes", "Moreira", "Ribeiro")


def _check_digit(digits: str, weights: list[int]) -> int:
    """The mod-11 check digit of CPF and CNPJ: 0 when the rest is under 2, else 11 minus it."""
    rest = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if rest < 2 else 11 - rest


def cpf(base: int) -> str:
    """A valid CPF (11 digits) from a 9-digit base; a base of one repeated digit (invalid) is moved on."""
    digits = f"{base % 10**9:09d}"
    if len(set(digits)) == 1:
        digits = f"{(int(digits) + 1) % 10**9:09d}"
    digits += str(_check_digit(digits, list(range(10, 1, -1))))
    return digits + str(_check_digit(digits, list(range(11, 1, -1))))


def cnpj(root: int, branch: int = 1) -> str:
    """A valid CNPJ (14 digits): an 8-digit root, a 4-digit branch (0001: the head office), two check digits."""
    digits = f"{root % 10**8:08d}{branch:04d}"
    digits += str(_check_digit(digits, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
    return digits + str(_check_digit(digits, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))


def cuit(base: int) -> str:
    """A valid company CUIT (11 digits, prefix 30); a base whose check would be 10 is moved on (AFIP's rule
    changes the prefix then)."""
    for offset in range(11):
        digits = f"30{(base + offset) % 10**8:08d}"
        rest = 11 - sum(int(d) * w for d, w in zip(digits, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2], strict=True)) % 11
        if rest != 10:
            return digits + str(0 if rest == 11 else rest)
    raise AssertionError("unreachable: one of 11 consecutive bases has a check digit")


def _seed(buyer_id: Any) -> int:
    return int.from_bytes(hashlib.sha256(f"melihub-sandbox-buyer:{buyer_id}".encode()).digest()[:8], "big")


@dataclass(frozen=True)
class BuyerIdentity:
    name: str
    last_name: str | None  # None for a company
    business: bool
    doc_type: str
    doc_number: str
    address: Raw


def _document(site: str, business: bool, seed: int) -> tuple[str, str]:
    person_type, company_type = DOCUMENT_TYPES.get(site, ("DNI", "RUC"))
    if site == "MLB":
        return (company_type, cnpj(seed // 10**9)) if business else (person_type, cpf(seed))
    if site == "MLA" and business:
        return company_type, cuit(seed)
    return (company_type if business else person_type), str(20_000_000 + seed % 25_000_000)


def _earliest_receiver(world: World, buyer_id: Any) -> Raw | None:
    """The destination of the buyer's earliest order whose shipment names a receiver."""
    orders = [o for o in world.kind("orders").values() if str((o.get("buyer") or {}).get("id")) == str(buyer_id)]
    for order in sorted(orders, key=lambda o: int(o.get("id") or 0)):
        shipment = world.get("shipments", (order.get("shipping") or {}).get("id")) or {}
        destination = shipment.get("destination") or {}
        if isinstance(destination, dict) and str(destination.get("receiver_name") or "").strip():
            return destination
    return None


def _address(destination: Raw | None, buyer: Raw | None) -> Raw:
    """The v2 billing address: the receiver's shipping address, else the buyer's city and state."""
    place = (destination or {}).get("shipping_address") or {}
    if not place:
        home = (buyer or {}).get("address") or {}
        found = {"city_name": home.get("city"), "state": {"name": home.get("state")} if home.get("state") else None}
        return {key: value for key, value in found.items() if value is not None}
    state = place.get("state") or {}
    address = {
        "street_name": place.get("street_name"),
        "street_number": place.get("street_number"),
        "city_name": (place.get("city") or {}).get("name"),
        "state": {"code": str(state.get("id") or "").split("-")[-1] or None, "name": state.get("name")},
        "zip_code": place.get("zip_code"),
        "neighborhood": (place.get("neighborhood") or {}).get("name"),
        "comment": place.get("comment"),
        "country_id": (place.get("country") or {}).get("id"),
    }
    return {key: value for key, value in address.items() if value is not None}


def buyer_identity(world: World, buyer_id: Any, site: str) -> BuyerIdentity:
    seed = _seed(buyer_id)
    destination = _earliest_receiver(world, buyer_id)
    if destination is not None:
        first, _, last = str(destination["receiver_name"]).strip().partition(" ")
    else:
        first, last = FIRST_NAMES[seed % len(FIRST_NAMES)], SURNAMES[(seed // 7) % len(SURNAMES)]
    business = seed % BUSINESS_SHARE == BUSINESS_SHARE - 1  # none of the fixture world's five buyers
    doc_type, doc_number = _document(site, business, seed)
    address = _address(destination, world.get("buyers", buyer_id))
    if business:
        company = f"{(last or first).split()[-1]} {'Comércio Ltda' if site == 'MLB' else 'Comercial S.R.L.'}"
        return BuyerIdentity(company, None, True, doc_type, doc_number, address)
    return BuyerIdentity(first, last or None, False, doc_type, doc_number, address)


def site_of(world: World, order: Raw) -> str:
    seller = world.get("users", (order.get("seller") or {}).get("id")) or {}
    return str((order.get("context") or {}).get("site") or seller.get("site_id") or "MLB")


def mlb_gives_billing(world: World, order: Raw) -> bool:
    """Whether an MLB order is one of those ML gives billing data for (see the module's docstring)."""
    if order.get("pickup_id"):
        return True
    shipment = world.get("shipments", (order.get("shipping") or {}).get("id")) or {}
    if (shipment.get("logistic") or {}).get("type") in BILLING_LOGISTICS:
        return True
    seller = world.get("users", (order.get("seller") or {}).get("id")) or {}
    if (seller.get("seller_reputation") or {}).get("power_seller_status"):
        return True
    listings = [world.get("items", (line.get("item") or {}).get("id")) or {} for line in order.get("order_items") or []]
    return any(listing.get("official_store_id") for listing in listings)


def gives_billing(world: World, order: Raw) -> bool:
    site = site_of(world, order)
    if site in NO_BILLING_SITES:
        return False
    return mlb_gives_billing(world, order) if site in SOME_ORDERS_SITES else True


def _taxes(identity: BuyerIdentity, site: str, seed: int) -> Raw | None:
    if site == "MLB":  # ML's Brazilian example of a person carries no taxes
        if not identity.business:
            return None
        return {"taxpayer_type": {"description": "Contribuinte"}, "state_registration": f"{seed % 10**12:012d}"}
    if identity.business:
        return {"taxpayer_type": {"description": "IVA Responsable Inscripto"}}
    return {"taxpayer_type": {"id": "01", "description": "Consumidor Final"}}


def billing_info_v2(world: World, order: Raw) -> Raw:
    """The v2 body of the order's billing info: stored by a test, else generated (empty when ML gives none)."""
    stored = world.get("billing_info", order.get("id"))
    if stored is not None:
        return stored
    site = site_of(world, order)
    buyer_id = (order.get("buyer") or {}).get("id")
    body: Raw = {
        "site_id": site,
        "buyer": {"cust_id": buyer_id, "billing_info": {}},
        "seller": {"cust_id": (order.get("seller") or {}).get("id")},
    }
    if not gives_billing(world, order):
        return body
    identity = buyer_identity(world, buyer_id, site)
    info: Raw = {"name": identity.name}
    if identity.last_name:
        info["last_name"] = identity.last_name
    info["identification"] = {"type": identity.doc_type, "number": identity.doc_number}
    taxes = _taxes(identity, site, _seed(buyer_id))
    if taxes is not None:
        info["taxes"] = taxes
    info["address"] = identity.address
    info["attributes"] = {"is_normalized": True, "cust_type": "BU" if identity.business else "CO"}
    body["buyer"]["billing_info"] = info
    return body


def _v1_entries(info: Raw) -> list[tuple[str, Any]]:
    address = info.get("address") or {}
    identification = info.get("identification") or {}
    name_key = "FIRST_NAME" if info.get("last_name") else "BUSINESS_NAME"
    return [
        (name_key, info.get("name")),
        ("LAST_NAME", info.get("last_name")),
        ("DOC_TYPE", identification.get("type")),
        ("DOC_NUMBER", identification.get("number")),
        ("STATE_REGISTRATION", (info.get("taxes") or {}).get("state_registration")),
        ("STREET_NAME", address.get("street_name")),
        ("STREET_NUMBER", address.get("street_number")),
        ("COMMENT", address.get("comment")),
        ("NEIGHBORHOOD", address.get("neighborhood")),
        ("CITY_NAME", address.get("city_name")),
        ("STATE_NAME", (address.get("state") or {}).get("name")),
        ("ZIP_CODE", address.get("zip_code")),
    ]


def billing_info_v1(v2: Raw) -> Raw:
    """The same billing data in the v1 shape (``doc_type``, ``doc_number``, ``additional_info``)."""
    info = (v2.get("buyer") or {}).get("billing_info") or {}
    identification = info.get("identification") or {}
    if not identification.get("number"):
        return {"billing_info": {}}
    entries = [*_v1_entries(info), ("SITE_ID", v2.get("site_id"))]
    return {
        "billing_info": {
            "doc_type": identification.get("type"),
            "doc_number": identification.get("number"),
            "additional_info": [{"type": key, "value": value} for key, value in entries if value],
        }
    }
