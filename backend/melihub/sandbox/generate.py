"""A deterministic synthetic world: N orders with items (incl. variations), packs, shipments,
questions, sellers and buyers. Every resource starts as a copy of a reference fixture.

Same ``(orders, seed)`` -> identical world (timestamps come from a fixed clock, not from now).
``now``, ``days`` and ``burst`` shape when the orders happened (e.g. more orders in one day than
``/orders/search`` lets a client page through).
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from melihub.sandbox.generate_parts import build_item, build_order, build_question, build_shipment
from melihub.sandbox.world import DEFAULT_CLOCK_MS, Raw, World, iso_ml, load_scenario, shift_stamps

SITES = {"MLB": ("BRL", "BR", "mercadolivre.com.br"), "MLA": ("ARS", "AR", "mercadolibre.com.ar")}
SELLER_BASE = 2410000001
BUYER_BASE = 1510000001
NICKS = ("CASA", "LOJA", "MUNDO", "EMPORIO", "TIENDA", "OFICINA", "BAZAR", "ATELIE")
NAMES = ("AURORA", "PAMPA", "SERRA", "RIO", "SOL", "VERDE", "NORTE", "LAGO")
People = tuple[list[Raw], dict[str, list[Raw]]]  # sellers, buyers by site
BURST_DAYS_AGO = 3  # the burst fills the UTC day that contains now - 3 days


@dataclass
class Gen:
    """Generation context: the RNG, the templates and the id counters."""

    rng: random.Random
    templates: World
    world: World
    now: datetime
    counters: dict[str, int] = field(default_factory=dict)
    # How far ``now`` is from the reference clock: dates copied from fixtures (e.g. a shipment's
    # estimated delivery) move by it, so that every date of the world is relative to ``now``.
    shift: timedelta = timedelta(0)
    seed: int = 1  # listings draw their pictures and attributes from their own RNG, seeded by it

    def next_id(self, name: str, base: int) -> int:
        value = self.counters.get(name, base)
        self.counters[name] = value + 1
        return value

    def template(self, kind: str, key: str) -> Raw:
        raw = self.templates.get(kind, key)
        assert raw is not None, f"missing template {kind}/{key}"
        if self.shift:
            shifted: Raw = shift_stamps(raw, self.shift)  # a fresh copy too
            return shifted
        return copy.deepcopy(raw)

    def moment(self, max_days: float) -> datetime:
        return self.now - timedelta(seconds=self.rng.uniform(3600, max_days * 86400))


def _seller(gen: Gen, index: int) -> Raw:
    site = "MLA" if index % 3 == 2 else "MLB"
    user = gen.template("users", "1187654321" if site == "MLA" else "2401234567")
    user_id = SELLER_BASE + index * 1_000_003
    nickname = f"{NICKS[index % len(NICKS)]}_{NAMES[(index * 3) % len(NAMES)]}_{index + 1}"
    domain = SITES[site][2]
    user.update(
        {
            "id": user_id,
            "nickname": nickname,
            "email": f"{nickname.lower()}@example.com",
            "site_id": site,
            "country_id": SITES[site][1],
            "permalink": f"http://perfil.{domain}/{nickname}",
            "registration_date": iso_ml(gen.moment(3000)),
        }
    )
    return user


def _buyer(gen: Gen, index: int, site: str) -> Raw:
    seller = gen.template("users", "1187654321" if site == "MLA" else "2401234567")
    buyer_id = BUYER_BASE + index * 7_919
    nickname = f"COMPRADOR_{index + 1:04d}"
    return {
        "id": buyer_id,
        "nickname": nickname,
        "registration_date": iso_ml(gen.moment(2000)),
        "country_id": SITES[site][1],
        "address": {"city": seller.get("address", {}).get("city"), "state": seller.get("address", {}).get("state")},
        "user_type": "normal",
        "tags": ["normal"],
        "logo": None,
        "points": gen.rng.randint(0, 300),
        "site_id": site,
        "permalink": f"http://perfil.{SITES[site][2]}/{nickname}",
        "seller_reputation": {"level_id": None, "power_seller_status": None, "transactions": {"total": 0}},
        "buyer_reputation": {"tags": []},
        "status": {"site_status": "active"},
    }


def _people(gen: Gen, orders: int) -> People:
    sellers = [_seller(gen, i) for i in range(max(1, min(8, round(orders / 100) + 1)))]
    buyers: dict[str, list[Raw]] = {site: [] for site in SITES}
    for index in range(max(4, orders // 3)):
        site = "MLA" if index % 4 == 3 and any(s["site_id"] == "MLA" for s in sellers) else "MLB"
        buyers[site].append(_buyer(gen, index, site))
    for site in SITES:  # every site with sellers needs buyers
        if not buyers[site] and any(s["site_id"] == site for s in sellers):
            buyers[site].append(_buyer(gen, 10_000 + len(buyers[site]), site))
    for user in sellers:
        gen.world.put("users", user["id"], user)
    for user in (b for site_buyers in buyers.values() for b in site_buyers):
        gen.world.put("buyers", user["id"], user)
    return sellers, buyers


def _catalog(gen: Gen, sellers: list[Raw], orders: int) -> dict[int, list[Raw]]:
    per_seller = max(3, orders // (3 * len(sellers)))
    catalog: dict[int, list[Raw]] = {}
    for seller in sellers:
        items = [build_item(gen, seller) for _ in range(per_seller)]
        for item in items:
            gen.world.put("items", item["id"], item)
        catalog[int(seller["id"])] = items
    return catalog


@dataclass(frozen=True)
class Timing:
    """When orders are created: within ``days`` before now, ``burst_orders`` of them in one UTC day."""

    days: float
    burst_orders: int
    burst_day: datetime  # midnight UTC

    @classmethod
    def of(cls, now: datetime, orders: int, days: float, burst: float) -> Timing:
        if days <= 0 or not 0.0 <= burst <= 1.0:
            raise ValueError("days must be > 0 and burst a fraction in [0, 1]")
        day = (now - timedelta(days=BURST_DAYS_AGO)).astimezone(UTC)
        return cls(days, round(orders * burst), day.replace(hour=0, minute=0, second=0, microsecond=0))

    def created(self, gen: Gen, made: int) -> datetime:
        if made < self.burst_orders:
            return self.burst_day + timedelta(seconds=gen.rng.uniform(0, 86400 - 1))
        return gen.moment(self.days)  # the only draw when burst=0, as before the knob existed


def _orders(gen: Gen, people: People, catalog: dict[int, list[Raw]], n: int, timing: Timing) -> None:
    sellers, buyers = people
    made = 0
    while made < n:
        seller = gen.rng.choice(sellers)
        buyer = gen.rng.choice(buyers[seller["site_id"]])
        size = 2 if n - made >= 2 and gen.rng.random() < 0.12 else 1
        created = timing.created(gen, made)
        status = gen.rng.choices(("paid", "payment_in_process", "cancelled"), weights=(75, 12, 13))[0]
        shipment_id = gen.next_id("shipment", 44300000001)
        pack_id = gen.next_id("pack", 2000005000000001) if size > 1 else None
        cart = [
            build_order(gen, seller, buyer, catalog[int(seller["id"])], created, status, pack_id, shipment_id)
            for _ in range(size)
        ]
        for order in cart:
            gen.world.put("orders", order["id"], order)
        gen.world.put("shipments", shipment_id, build_shipment(gen, cart, seller, buyer))
        if pack_id is not None:
            gen.world.put("packs", pack_id, _pack(gen, pack_id, cart, shipment_id))
        made += size


def _pack(gen: Gen, pack_id: int, cart: list[Raw], shipment_id: int) -> Raw:
    pack = gen.template("packs", "2000004567890123")
    first = cart[0]
    pack.update(
        {
            "id": pack_id,
            "status": "released" if first["status"] == "paid" else "filled",
            "date_created": first["date_created"],
            "last_updated": max(o["last_updated"] for o in cart),
            "buyer": {"id": first["buyer"]["id"]},
            "shipment": {"id": shipment_id},
            "orders": [{"id": o["id"]} for o in cart],
        }
    )
    return pack


def _questions(gen: Gen, buyers: dict[str, list[Raw]], catalog: dict[int, list[Raw]], orders: int) -> None:
    items = [item for seller_items in catalog.values() for item in seller_items]
    for _ in range(max(2, orders // 3)):
        item = gen.rng.choice(items)
        buyer = gen.rng.choice(buyers[item["site_id"]])
        question = build_question(gen, item, buyer)
        gen.world.put("questions", question["id"], question)


def generate_world(
    orders: int, *, seed: int = 1, now: datetime | None = None, days: float = 90, burst: float = 0.0
) -> World:
    """``orders`` orders (plus everything they reference), deterministic for ``seed``.

    ``now`` is the world's clock (default: the fixed reference clock, so worlds do not depend on the
    day they are made; a naive value is taken as UTC). Orders are created within ``days`` before it;
    a ``burst`` share of them within the single UTC day ``BURST_DAYS_AGO`` days before it.
    """
    if orders < 1:
        raise ValueError("generate needs at least one order")
    reference = datetime.fromtimestamp(DEFAULT_CLOCK_MS / 1000, tz=UTC)
    clock = reference if now is None else now if now.tzinfo else now.replace(tzinfo=UTC)
    timing = Timing.of(clock, orders, days, burst)
    templates = load_scenario()
    world = World(templates=templates.templates, app_id=templates.app_id, clock_ms=int(clock.timestamp() * 1000))
    shift = timedelta(seconds=round((clock - reference).total_seconds()))
    gen = Gen(random.Random(seed), templates, world, clock, shift=shift, seed=seed)
    people = _people(gen, orders)
    catalog = _catalog(gen, people[0], orders)
    _orders(gen, people, catalog, orders, timing)
    _questions(gen, people[1], catalog, orders)
    return world
