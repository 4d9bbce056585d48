"""``POST /_sandbox/simulate``: realistic random changes to existing resources, each notified.

Orders get paid or cancelled, shipments move along ``pending -> handling -> ready_to_ship ->
shipped -> delivered``, items change stock/price/status (stock 0 pauses), questions get answered
or asked, buyers write in their sales' threads. Same state + same seed -> same changes.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from melihub.sandbox.api_comms import thread_of
from melihub.sandbox.generate_parts import ANSWERS, QUESTIONS
from melihub.sandbox.mutations import Invalid, new_buyer_message, update_item
from melihub.sandbox.world import Raw, iso_ml

if TYPE_CHECKING:
    from melihub.sandbox.service import Sandbox

_NEXT_SHIPMENT: dict[tuple[Any, Any], tuple[str, str | None]] = {
    ("pending", "buffered"): ("handling", "waiting_for_label_generation"),
    ("handling", "waiting_for_label_generation"): ("ready_to_ship", "ready_to_print"),
    ("ready_to_ship", "ready_to_print"): ("ready_to_ship", "printed"),
    ("ready_to_ship", "printed"): ("shipped", "in_hub"),
    ("shipped", "in_hub"): ("shipped", "out_for_delivery"),
    ("shipped", "out_for_delivery"): ("delivered", None),
}

Change = Callable[["Sandbox", random.Random], "str | None"]


def _pick(rng: random.Random, values: dict[str, Raw], test: Callable[[Raw], bool]) -> tuple[str, Raw] | None:
    keys = sorted(values)
    for _ in range(8):  # a few random probes, then a scan from a random start
        key = rng.choice(keys) if keys else None
        if key is not None and test(values[key]):
            return key, values[key]
    if not keys:
        return None
    start = rng.randrange(len(keys))
    for key in keys[start:] + keys[:start]:
        if test(values[key]):
            return key, values[key]
    return None


def _pay(order: Raw) -> None:
    now = iso_ml()
    order["status"], order["date_closed"] = "paid", now
    order["tags"] = ["paid", *[t for t in order.get("tags", []) if t not in ("not_paid", "paid")]]
    if "not_delivered" not in order["tags"]:
        order["tags"].append("not_delivered")
    for payment in order.get("payments") or []:
        payment.update({"status": "approved", "status_detail": "accredited", "date_approved": now})
        payment["date_last_modified"] = now
    order["paid_amount"] = round(sum(float(p.get("total_paid_amount") or 0) for p in order.get("payments") or []), 2)


def _cancel(order: Raw) -> None:
    now = iso_ml()
    order["status"] = "cancelled"
    order["tags"] = [t for t in order.get("tags", []) if t not in ("paid", "not_paid")]
    order["cancel_detail"] = {
        "group": "seller",
        "code": "SELLER_CANCEL",
        "description": "Seller cancelled the sale",
        "requested_by": "seller",
        "date": now,
        "application_id": None,
    }
    for payment in order.get("payments") or []:
        payment.update({"status": "refunded", "status_detail": "refunded", "date_last_modified": now})
        payment["transaction_amount_refunded"] = payment.get("transaction_amount")


def _shipment_of(sandbox: Sandbox, order: Raw) -> tuple[str, Raw] | None:
    key = str((order.get("shipping") or {}).get("id"))
    shipment = sandbox.world.get("shipments", key)
    return (key, copy.deepcopy(shipment)) if shipment else None


def change_order(sandbox: Sandbox, rng: random.Random) -> str | None:
    def movable(order: Raw) -> bool:
        return order.get("status") in ("payment_in_process", "paid")

    found = _pick(rng, sandbox.world.kind("orders"), movable)
    if found is None:
        return None
    key, order = found[0], copy.deepcopy(found[1])
    shipment = _shipment_of(sandbox, order)
    if order["status"] == "payment_in_process":
        _pay(order)
        new_state: tuple[str, str | None] = ("handling", "waiting_for_label_generation")
    elif rng.random() < 0.25 and (shipment is None or shipment[1].get("status") in ("pending", "handling")):
        _cancel(order)
        new_state = ("cancelled", None)
    else:
        return change_shipment(sandbox, rng)
    sandbox.store("orders", key, order)
    if shipment is not None and shipment[1].get("status") in ("pending", "handling"):
        shipment[1]["status"], shipment[1]["substatus"] = new_state
        sandbox.store("shipments", shipment[0], shipment[1])
    return "orders"


def change_shipment(sandbox: Sandbox, rng: random.Random) -> str | None:
    orders = sandbox.world.kind("orders")
    paid_shipments = {str((o.get("shipping") or {}).get("id")) for o in orders.values() if o.get("status") == "paid"}

    def movable(shipment: Raw) -> bool:
        state = (shipment.get("status"), shipment.get("substatus"))
        return str(shipment.get("id")) in paid_shipments and state in _NEXT_SHIPMENT

    found = _pick(rng, sandbox.world.kind("shipments"), movable)
    if found is None:
        return None
    key, shipment = found[0], copy.deepcopy(found[1])
    status, substatus = _NEXT_SHIPMENT[(shipment["status"], shipment.get("substatus"))]
    if status == "delivered" and rng.random() < 0.05:
        status, substatus = "not_delivered", "returning_to_sender"
    shipment["status"], shipment["substatus"] = status, substatus
    if status == "shipped" and not shipment.get("tracking_number"):
        shipment["tracking_number"] = f"BR{int(key) % 10**9:09d}"
    sandbox.store("shipments", key, shipment)
    return "shipments"


def _item_changes(item: Raw, rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.55:
        if item.get("variations"):
            target = rng.randrange(len(item["variations"]))
            variations: list[dict[str, Any]] = [{"id": v["id"]} for v in item["variations"]]
            variations[target]["available_quantity"] = 0 if rng.random() < 0.15 else rng.randint(1, 40)
            return {"variations": variations}
        return {"available_quantity": 0 if rng.random() < 0.15 else rng.randint(1, 150)}
    if roll < 0.85:
        minimum = 8.0 if item.get("currency_id") == "BRL" else 1.0
        return {"price": max(minimum, round(float(item.get("price") or 10) * rng.uniform(0.85, 1.15), 2))}
    return {"status": "paused" if item.get("status") == "active" else "active"}


def change_item(sandbox: Sandbox, rng: random.Random) -> str | None:
    found = _pick(rng, sandbox.world.kind("items"), lambda i: i.get("status") in ("active", "paused"))
    if found is None:
        return None
    key, item = found
    try:
        updated = update_item(item, _item_changes(item, rng))
    except Invalid:
        return None
    sandbox.store("items", key, updated)
    return "items"


def change_question(sandbox: Sandbox, rng: random.Random) -> str | None:
    questions = sandbox.world.kind("questions")
    found = _pick(rng, questions, lambda q: q.get("status") == "UNANSWERED") if rng.random() < 0.6 else None
    if found is not None:
        key, question = found[0], copy.deepcopy(found[1])
        question["status"] = "ANSWERED"
        question["answer"] = {"text": rng.choice(ANSWERS), "status": "ACTIVE", "date_created": iso_ml()}
        sandbox.store("questions", key, question)
        return "questions"
    items = sandbox.world.kind("items")
    picked = _pick(rng, items, lambda i: i.get("status") == "active")
    if picked is None or not questions:
        return None
    template = copy.deepcopy(questions[sorted(questions)[0]])
    buyers = sorted(sandbox.world.kind("buyers")) or [str((template.get("from") or {}).get("id"))]
    new_id = max(int(k) for k in questions) + 1
    template.update(
        {
            "id": new_id,
            "item_id": picked[1]["id"],
            "seller_id": picked[1]["seller_id"],
            "status": "UNANSWERED",
            "text": rng.choice(QUESTIONS),
            "date_created": iso_ml(),
            "answer": None,
            "from": {"id": int(rng.choice(buyers))},
        }
    )
    sandbox.store("questions", str(new_id), template)
    return "questions"


BUYER_MESSAGES = (
    "Olá! Já foi enviado?",
    "Qual o código de rastreio?",
    "Chegou, obrigado! 😀",
    "Posso trocar o tamanho?",
    "O pacote veio danificado, o que faço?",
)


def change_message(sandbox: Sandbox, rng: random.Random) -> str | None:
    """A buyer of a paid sale writes in its thread (the pack's, or the order's without pack)."""
    found = _pick(rng, sandbox.world.kind("orders"), lambda o: o.get("status") == "paid" and bool(o.get("buyer")))
    if found is None:
        return None
    order = found[1]
    thread = str(order.get("pack_id") or order["id"])
    seller = sandbox.world.seller_of("messages", thread)
    held = thread_of(sandbox, thread, seller) if seller is not None else None
    if seller is None or held is None:
        return None
    messages = copy.deepcopy(held)
    template = messages["messages"][-1] if messages["messages"] else None
    message = new_buyer_message(template, thread, seller, int(order["buyer"]["id"]), rng.choice(BUYER_MESSAGES))
    messages["messages"].append(message)
    sandbox.world.put("messages", thread, messages)
    sandbox.notifier.notify(seller, "messages", message["id"], actions=["created"])
    return "messages"


CHANGES: tuple[tuple[Change, int], ...] = (
    (change_order, 3),
    (change_shipment, 3),
    (change_item, 3),
    (change_question, 1),
    (change_message, 1),
)


def simulate(sandbox: Sandbox, events: int, seed: int) -> dict[str, Any]:
    """Apply ``events`` random changes; returns counts per kind and notifications sent."""
    rng = random.Random(seed)
    sent_before = sandbox.stats.notifications["sent"]
    counts: Counter[str] = Counter()
    functions = [c for c, _ in CHANGES]
    weights = [w for _, w in CHANGES]
    for _ in range(max(0, events)):
        change = rng.choices(functions, weights=weights)[0]
        kind = change(sandbox, rng)
        counts[kind or "skipped"] += 1
    return {
        "events": events,
        "applied": sum(n for k, n in counts.items() if k != "skipped"),
        "orders": counts["orders"],
        "items": counts["items"],
        "shipments": counts["shipments"],
        "questions": counts["questions"],
        "messages": counts["messages"],
        "skipped": counts["skipped"],
        "notifications": sandbox.stats.notifications["sent"] - sent_before,
    }
