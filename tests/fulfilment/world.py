"""A packing bench's world: Mercado Livre orders and shipments of the reference's shapes, stored in melihub as
the appliers store them (and, for labels, put in the sandbox too), plus members of each role signed in.

Orders and shipments are copies of reference fixtures (``orders/2000009876543202.json``: a paid pack order;
``shipments/44123456701.json``: ready_to_ship / ready_to_print) with their own ids, applied with
``apply_order`` / ``apply_shipments``: what a notification or a sync would have left.
"""

from __future__ import annotations

import copy
import itertools
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import text
from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user, set_member_accounts
from melihub.app import create_app
from melihub.connections.models import MeliAccount
from melihub.orders.models import Order
from melihub.orders.service import apply_order
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.shipments.service import apply_shipments
from melihub.testing.fixtures import SELLER_A, load_fixture
from melihub.testing.graphql import gid, gql, login
from tests.conftest import PUBLIC_URL, link_seller

NewClient = Callable[[], httpx.AsyncClient]
_ids = itertools.count(1)
ORDER_BASE, SHIPMENT_BASE, PACK_BASE = 2000008800000000, 44800000000, 2000005800000000

ORDER_FIELDS = """
  id mlId status packId
  fulfilment { state pickedAt packedAt pickedBy { email } packedBy { email } }
"""
MARK = """
mutation Mark($ids: [ID!]!) {
  %s(ids: $ids) { orders { %s } errors { field message code } }
}
"""


def mark_document(mutation: str) -> str:
    return MARK % (mutation, ORDER_FIELDS)


@dataclass(frozen=True)
class Line:
    item_ml_id: str = "MLB3012345601"
    variation_ml_id: int | None = 180000000101
    sku: str | None = "CAM-BAS-PRT-M"
    quantity: int = 1
    title: str = "Camiseta Básica Algodão Unissex"


def order_raw(
    *,
    seller: int = SELLER_A,
    status: str = "paid",
    pack_id: int | None = None,
    shipment_ml_id: int | None = None,
    lines: list[Line] | None = None,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    """An order as ``GET /orders/{id}`` answers it (a copy of a paid pack order of the reference)."""
    raw: dict[str, Any] = copy.deepcopy(load_fixture("orders/2000009876543202.json"))
    serial = next(_ids)
    raw["id"] = ORDER_BASE + serial
    raw["pack_id"] = pack_id
    raw["status"] = status
    raw["seller"] = {"id": seller}
    raw["shipping"] = {"id": shipment_ml_id} if shipment_ml_id is not None else {}
    raw["tags"] = tags if tags is not None else (["pack_order", "paid"] if pack_id else ["paid"])
    template = raw["order_items"][0]
    raw["order_items"] = []
    for line in lines or [Line()]:
        entry = copy.deepcopy(template)
        entry["item"].update(
            id=line.item_ml_id,
            variation_id=line.variation_ml_id,
            seller_sku=line.sku,
            seller_custom_field=line.sku,
            title=line.title,
        )
        entry["quantity"] = line.quantity
        raw["order_items"].append(entry)
    for payment in raw["payments"]:
        payment["id"] = raw["id"] + 7
        payment["order_id"] = raw["id"]
    return raw


def shipment_raw(
    ml_id: int,
    *,
    seller: int = SELLER_A,
    status: str = "ready_to_ship",
    substatus: str | None = "ready_to_print",
    logistic_type: str = "drop_off",
) -> dict[str, Any]:
    """A shipment as ``GET /shipments/{id}`` (x-format-new) answers it."""
    raw: dict[str, Any] = copy.deepcopy(load_fixture("shipments/44123456701.json"))
    raw.update(id=ml_id, status=status, substatus=substatus, tracking_number=f"BR{ml_id}")
    raw["logistic"]["type"] = logistic_type
    raw["origin"]["sender_id"] = seller
    return raw


def new_shipment_id() -> int:
    return SHIPMENT_BASE + next(_ids)


def new_pack_id() -> int:
    return PACK_BASE + next(_ids)


async def store_orders(services: Services, account: MeliAccount, *raws: dict[str, Any]) -> list[Order]:
    async with services.db.tenant(account.tenant_id) as session:
        for raw in raws:
            await apply_order(session, account, raw)
    return await orders_by_ml_id(services, account, [raw["id"] for raw in raws])


async def store_shipments(services: Services, account: MeliAccount, *raws: dict[str, Any]) -> list[Shipment]:
    async with services.db.tenant(account.tenant_id) as session:
        await apply_shipments(session, account, list(raws))
    return await shipments_by_ml_id(services, account, [raw["id"] for raw in raws])


async def orders_by_ml_id(services: Services, account: MeliAccount, ml_ids: list[int]) -> list[Order]:
    async with services.db.tenant(account.tenant_id) as session:
        rows = {o.ml_id: o for o in (await session.exec(_select(Order, ml_ids))).all()}
    return [rows[ml_id] for ml_id in ml_ids]


async def shipments_by_ml_id(services: Services, account: MeliAccount, ml_ids: list[int]) -> list[Shipment]:
    async with services.db.tenant(account.tenant_id) as session:
        rows = {s.ml_id: s for s in (await session.exec(_select(Shipment, ml_ids))).all()}
    return [rows[ml_id] for ml_id in ml_ids]


def _select(model: Any, ml_ids: list[int]) -> Any:
    return select(model).where(col(model.ml_id).in_(ml_ids))


@dataclass
class Pack:
    """A cart: its orders (ML id order) and its one shipment."""

    pack_id: int
    shipment: Shipment
    orders: list[Order]

    @property
    def order_ids(self) -> list[str]:
        return [gid("Order", order.id) for order in self.orders]

    @property
    def shipment_id(self) -> str:
        return gid("Shipment", self.shipment.id)


async def store_pack(
    services: Services,
    account: MeliAccount,
    lines: list[list[Line]],
    *,
    statuses: list[str] | None = None,
    shipment: dict[str, Any] | None = None,
) -> Pack:
    """A pack of ``len(lines)`` orders (one per cart item, as Mercado Livre makes them) sharing one shipment."""
    pack_id, ship_id = new_pack_id(), new_shipment_id()
    raws = [
        order_raw(
            pack_id=pack_id, shipment_ml_id=ship_id, lines=order_lines, status=statuses[i] if statuses else "paid"
        )
        for i, order_lines in enumerate(lines)
    ]
    [stored_shipment] = await store_shipments(services, account, {**shipment_raw(ship_id), **(shipment or {})})
    orders = await store_orders(services, account, *raws)
    return Pack(pack_id, stored_shipment, sorted(orders, key=lambda o: o.ml_id))


async def store_single(
    services: Services,
    account: MeliAccount,
    *,
    status: str = "paid",
    shipment: dict[str, Any] | None = None,
    **order: Any,
) -> Pack:
    """An order sold alone, with its own shipment (a "pack" of one, pack id 0)."""
    ship_id = new_shipment_id()
    [stored_shipment] = await store_shipments(services, account, {**shipment_raw(ship_id), **(shipment or {})})
    orders = await store_orders(services, account, order_raw(shipment_ml_id=ship_id, status=status, **order))
    return Pack(0, stored_shipment, orders)


# ---- melihub in this process, and its people ---------------------------------------------------------


@asynccontextmanager
async def melihub(services: Services) -> AsyncIterator[NewClient]:
    """melihub in this process; yields a factory of HTTP clients, each with its own cookies."""
    application = create_app(services)
    async with application.router.lifespan_context(application):
        yield lambda: httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url=PUBLIC_URL)


@dataclass
class Bench:
    """Tenant A with seller A linked, and one signed-in client per role asked for."""

    tenant: Tenant
    owner: User
    account: MeliAccount
    new_client: NewClient
    people: dict[str, httpx.AsyncClient] = field(default_factory=dict)  # role name → signed-in client
    user_ids: dict[str, uuid.UUID] = field(default_factory=dict)

    async def call(self, role: str, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await gql(self.people[role], document, variables)

    def email(self, role: str) -> str:
        return f"{role}@aurora.example"


async def add_member(
    bench: Bench, services: Services, role: Role, stack: Any, *, limited_to: list[uuid.UUID] | None = None
) -> None:
    principal = Principal(tenant_id=bench.tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=bench.owner.id)
    async with services.db.tenant(bench.tenant.id) as session:
        view, password = await invite_user(session, principal, email=bench.email(role.value), role=role)
        if limited_to is not None:
            await set_member_accounts(session, principal, view.user.id, limited_to)
    assert password is not None
    http = await stack.enter_async_context(bench.new_client())
    assert (await login(http, bench.email(role.value), password))["errors"] == []
    bench.people[role.value] = http
    bench.user_ids[role.value] = view.user.id


async def linked_account_a(new_client: NewClient, sandbox: Any, services: Services, tenant: Tenant) -> MeliAccount:
    """Seller A linked to ``tenant`` through the sandbox's OAuth (so melihub holds its tokens)."""
    async with new_client() as owner:
        assert (await link_seller(owner, sandbox, SELLER_A)).status_code == 200
    async with services.db.tenant(tenant.id) as session:
        found = (
            await session.exec(text("SELECT id FROM meli_accounts WHERE ml_user_id = :u").bindparams(u=SELLER_A))
        ).one()
        row = await session.get(MeliAccount, found[0])
    assert row is not None
    return row
