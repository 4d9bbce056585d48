"""Builders of single synthetic resources (each a fixture copy with other ids and values)."""

from __future__ import annotations

import copy
import re
import unicodedata
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from melihub.sandbox.generate_listing import dress_listing
from melihub.sandbox.world import Raw, iso_ml, iso_z

if TYPE_CHECKING:
    from melihub.sandbox.generate import Gen

PRODUCTS = (
    ("Camiseta Algodão Premium", "MLB31447"),
    ("Tênis Corrida Leve", "MLB23332"),
    ("Garrafa Térmica Inox", "MLB255209"),
    ("Fone Bluetooth Sem Fio", "MLB3697"),
    ("Caneca Cerâmica Decorada", "MLB255036"),
    ("Mochila Notebook 15 Pol", "MLB26538"),
    ("Luminária de Mesa LED", "MLB116385"),
    ("Jogo de Panelas Antiaderente", "MLB255096"),
    ("Mate de Calabaza Artesanal", "MLB255209"),
    ("Bolsa Couro Legítimo", "MLB31418"),
)
COLORS = (("52049", "Preto"), ("52055", "Branco"), ("51993", "Vermelho"), ("52028", "Azul"))
SIZES = (("3259483", "P"), ("3259484", "M"), ("3259485", "G"), ("3259486", "GG"))
FIRST_NAMES = ("Ana", "João", "Mariana", "Rafael", "Beatriz", "Lucas", "Camila", "Santiago", "Valentina")
QUESTIONS = (
    "Tem pronta entrega?",
    "Serve para presente? Vem com nota fiscal?",
    "Qual o prazo de envio para Recife? 🙂",
    "¿Tienen stock en otro color?",
    "Funciona com 220V?",
)
ANSWERS = ("Olá! Sim, temos pronta entrega. Obrigado!", "Sim! Enviamos com nota fiscal.", "¡Hola! Sí, tenemos stock.")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _sku_attr(sku: str) -> Raw:
    return {
        "id": "SELLER_SKU",
        "name": "SKU",
        "value_id": None,
        "value_name": sku,
        "values": [{"id": None, "name": sku, "struct": None}],
        "value_type": "string",
    }


def _combo(attr_id: str, name: str, value: tuple[str, str]) -> Raw:
    return {
        "id": attr_id,
        "name": name,
        "value_id": value[0],
        "value_name": value[1],
        "value_struct": None,
        "values": [{"id": value[0], "name": value[1], "struct": None}],
    }


def _variations(gen: Gen, template: Raw, sku: str, price: float) -> list[Raw]:
    base = template["variations"][0]
    combos = [(c, s) for c in gen.rng.sample(COLORS, 2) for s in gen.rng.sample(SIZES, 2)]
    variations = []
    for color, size in combos[: gen.rng.randint(2, 4)]:
        variation = copy.deepcopy(base)
        var_sku = f"{sku}-{color[1][:3].upper()}-{size[1]}"
        stock = 0 if gen.rng.random() < 0.1 else gen.rng.randint(1, 30)
        variation.update(
            {
                "id": gen.next_id("variation", 181000000001),
                "price": price,
                "attribute_combinations": [_combo("COLOR", "Cor", color), _combo("SIZE", "Tamanho", size)],
                "available_quantity": stock,
                "sold_quantity": gen.rng.randint(0, 40),
                "seller_custom_field": var_sku,
                "attributes": [_sku_attr(var_sku)],
            }
        )
        variations.append(variation)
    return variations


def _price(gen: Gen, site: str) -> float:
    value = gen.rng.uniform(19.9, 399.9)
    return float(round(value * 100)) if site == "MLA" else round(value, 1) + 0.0


def build_item(gen: Gen, seller: Raw) -> Raw:
    site = seller["site_id"]
    with_variations = gen.rng.random() < 0.4
    item = gen.template("items", "MLB3012345601" if with_variations else "MLB3012345603")
    number = gen.next_id("item", 3100000001)
    title, category = gen.rng.choice(PRODUCTS)
    sku = f"GEN-{number % 100000:05d}"
    price = _price(gen, site)
    created = gen.moment(400)
    item.update(
        {
            "id": f"{site}{number}",
            "site_id": site,
            "title": f"{title} {number % 1000:03d}",
            "seller_id": seller["id"],
            "category_id": category.replace("MLB", site),
            "price": price,
            "base_price": price,
            "original_price": None,
            "currency_id": "ARS" if site == "MLA" else "BRL",
            "permalink": f"https://articulo.mercadolibre.com/{site}-{number}-{_slug(title)}-_JM",
            "seller_custom_field": None if with_variations else sku,
            "date_created": iso_z(created),
            "last_updated": iso_z(created + timedelta(days=gen.rng.uniform(0, 30))),
        }
    )
    if with_variations:
        item["variations"] = _variations(gen, item, sku, price)
        item["available_quantity"] = sum(v["available_quantity"] for v in item["variations"])
    else:
        item["variations"] = []
        item["available_quantity"] = 0 if gen.rng.random() < 0.08 else gen.rng.randint(1, 120)
        item["attributes"] = [a for a in item["attributes"] if a["id"] != "SELLER_SKU"] + [_sku_attr(sku)]
    item["sold_quantity"] = gen.rng.randint(0, 200)
    item["initial_quantity"] = item["available_quantity"] + item["sold_quantity"]
    paused_by_seller = gen.rng.random() < 0.07
    out = item["available_quantity"] == 0
    item["status"] = "paused" if out or paused_by_seller else "active"
    item["sub_status"] = ["out_of_stock"] if out else []
    dress_listing(item, gen.seed)  # pictures and attributes, from the item's own RNG
    return item


def _line(gen: Gen, template_line: Raw, item: Raw) -> Raw:
    line = copy.deepcopy(template_line)
    variation = gen.rng.choice(item["variations"]) if item["variations"] else None
    sku = (variation or {}).get("seller_custom_field") or item.get("seller_custom_field")
    quantity = gen.rng.randint(1, 3)
    line["item"].update(
        {
            "id": item["id"],
            "title": item["title"],
            "category_id": item["category_id"],
            "variation_id": variation["id"] if variation else None,
            "seller_custom_field": sku,
            "seller_sku": sku,
            "variation_attributes": [
                {k: c[k] for k in ("id", "name", "value_id", "value_name")}
                for c in (variation or {}).get("attribute_combinations", [])
            ],
        }
    )
    line.update(
        {
            "quantity": quantity,
            "requested_quantity": {"value": quantity, "measure": "unit"},
            "unit_price": item["price"],
            "full_unit_price": item["price"],
            "currency_id": item["currency_id"],
            "sale_fee": round(item["price"] * 0.12, 2),
            "listing_type_id": item.get("listing_type_id"),
        }
    )
    return line


# (status, status_detail) of the payment behind each generated order state.
_PAYMENT_STATES = {
    "paid": ("approved", "accredited"),
    "payment_in_process": ("in_process", "pending_review_manual"),
    "cancelled": ("refunded", "refunded"),  # paid, then cancelled and refunded
    "never_paid": ("cancelled", "expired"),  # the pix/boleto was never paid; the order got cancelled
}


def _payment(gen: Gen, order: Raw, state: str, total: float, shipping_cost: float, created: datetime) -> Raw:
    payment = copy.deepcopy(order["payments"][0])
    approved = state in ("paid", "cancelled")
    status, detail = _PAYMENT_STATES[state]
    payment.update(
        {
            "id": gen.next_id("payment", 91300000001),
            "order_id": order["id"],
            "payer_id": order["buyer"]["id"],
            "collector": {"id": order["seller"]["id"]},
            "site_id": order["context"]["site"],
            "reason": order["order_items"][0]["item"]["title"],
            "currency_id": order["currency_id"],
            "status": status,
            "status_detail": detail,
            "transaction_amount": total,
            "transaction_amount_refunded": total if state == "cancelled" else 0.0,
            "shipping_cost": shipping_cost,
            "total_paid_amount": round(total + shipping_cost, 2),
            "installment_amount": round(total + shipping_cost, 2),
            "installments": 1,
            "date_created": iso_ml(created),
            "date_approved": iso_ml(created + timedelta(seconds=4)) if approved else None,
            "date_last_modified": iso_ml(created + timedelta(seconds=4)),
        }
    )
    if state == "never_paid":
        payment["available_actions"] = []  # nothing to refund
    return payment


def build_order(
    gen: Gen,
    seller: Raw,
    buyer: Raw,
    items: list[Raw],
    created: datetime,
    status: str,
    pack_id: int | None,
    shipment_id: int,
) -> Raw:
    order = gen.template("orders", "2000009876543201")
    template_line = order["order_items"][0]
    order_id = gen.next_id("order", 2000012000000001)
    lines = [_line(gen, template_line, item) for item in gen.rng.sample(items, 2 if gen.rng.random() < 0.1 else 1)]
    total = round(sum(line["unit_price"] * line["quantity"] for line in lines), 2)
    shipping_cost = 0.0 if gen.rng.random() < 0.5 else round(gen.rng.uniform(9.9, 29.9), 2)
    updated = created + timedelta(hours=gen.rng.uniform(0.1, 48))
    # Half the cancelled carts were never paid (search hides those). Chosen by the cart's shipment id
    # (one fate per pack) rather than by the RNG, so every other draw of a seed's world stays as it was.
    never_paid = status == "cancelled" and shipment_id % 2 == 0
    closed = status == "paid" or (status == "cancelled" and not never_paid)
    order.update(
        {
            "id": order_id,
            "date_created": iso_ml(created),
            "date_closed": iso_ml(created + timedelta(seconds=4)) if closed else None,
            "last_updated": iso_ml(updated),
            "pack_id": pack_id,
            "order_items": lines,
            "total_amount": total,
            "currency_id": lines[0]["currency_id"],
            "shipping": {"id": shipment_id},
            "status": status,
            "tags": _order_tags(status, never_paid),
            "buyer": {"id": buyer["id"], "nickname": buyer["nickname"]},
            "seller": {"id": seller["id"]},
            "context": {"channel": "marketplace", "site": seller["site_id"], "flows": []},
            "cancel_detail": _cancel_detail(created) if status == "cancelled" else None,
        }
    )
    if pack_id is not None:
        order["tags"] = [*order["tags"], "pack_order"]
    order["payments"] = [_payment(gen, order, "never_paid" if never_paid else status, total, shipping_cost, created)]
    order["paid_amount"] = order["payments"][0]["total_paid_amount"] if status == "paid" else 0.0
    return order


def _order_tags(status: str, never_paid: bool) -> list[str]:
    if status == "paid":
        return ["paid", "not_delivered"]
    if status == "cancelled":
        return ["not_paid", "not_delivered"] if never_paid else ["not_delivered"]
    return ["not_paid"]


def _cancel_detail(created: datetime) -> Raw:
    return {
        "group": "buyer",
        "code": "BUY_CANCEL",
        "description": "Buyer cancelled the purchase",
        "requested_by": "buyer",
        "date": iso_ml(created + timedelta(hours=2)),
        "application_id": None,
    }


_SHIPMENT_STATES = {
    "paid": (
        ("handling", "waiting_for_label_generation"),
        ("ready_to_ship", "ready_to_print"),
        ("shipped", "in_hub"),
        ("shipped", "out_for_delivery"),
        ("delivered", None),
        ("delivered", None),
    ),
    "payment_in_process": (("pending", "buffered"),),
    "cancelled": (("cancelled", None),),
}


def build_shipment(gen: Gen, cart: list[Raw], seller: Raw, buyer: Raw) -> Raw:
    shipment = gen.template("shipments", "44123456701")
    first = cart[0]
    status, substatus = gen.rng.choice(_SHIPMENT_STATES[first["status"]])
    created = first["date_created"]
    shipment.update(
        {
            "id": first["shipping"]["id"],
            "status": status,
            "substatus": substatus,
            "date_created": created,
            "last_updated": max(o["last_updated"] for o in cart),
            "declared_value": round(sum(o["total_amount"] for o in cart), 2),
            "tracking_number": None if status in ("pending", "handling") else f"BR{first['id'] % 10**9:09d}",
        }
    )
    shipment["source"]["site_id"] = seller["site_id"]
    shipment["origin"]["sender_id"] = seller["id"]
    destination = shipment["destination"]
    destination["receiver_id"] = buyer["id"]
    destination["receiver_name"] = f"{gen.rng.choice(FIRST_NAMES)} {buyer['nickname'].title()}"
    shipment["lead_time"]["currency_id"] = first["currency_id"]
    shipment["origin"]["snapshot"] = {"id": f"{shipment['id']}-origin", "version": 1}
    return shipment


def build_question(gen: Gen, item: Raw, buyer: Raw) -> Raw:
    question: dict[str, Any] = gen.template("questions", "13012345602")
    created = gen.moment(60)
    answered = gen.rng.random() < 0.5
    question.update(
        {
            "id": gen.next_id("question", 13100000001),
            "item_id": item["id"],
            "seller_id": item["seller_id"],
            "status": "ANSWERED" if answered else "UNANSWERED",
            "text": gen.rng.choice(QUESTIONS),
            "date_created": iso_ml(created),
            "from": {"id": buyer["id"]},
            "answer": {
                "text": gen.rng.choice(ANSWERS),
                "status": "ACTIVE",
                "date_created": iso_ml(created + timedelta(hours=2)),
            }
            if answered
            else None,
        }
    )
    return question
