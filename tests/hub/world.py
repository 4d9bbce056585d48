"""What the hub tests share: Mercado Livre payloads of a hub's orders, flags on, and reading hub rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.hub import flags
from melihub.hub.models import Flag, HubNotification, HubOrder, HubOrderLine, HubVolume
from melihub.testing.fixtures import SELLER_A
from tests.kpis import payloads
from tests.kpis.helpers import notify, owner_of

NOW = datetime.now(UTC).replace(microsecond=0)
SHIPMENT = 45000000001


def order(
    ml_id: int,
    *,
    sku: str | None = "CAN-AZUL",
    status: str = "paid",
    pack_id: int | None = None,
    shipment_id: int = SHIPMENT,
    version: int = 1,
) -> dict[str, Any]:
    raw = payloads.order(
        ml_id,
        seller=SELLER_A,
        buyer=700,
        created=NOW - timedelta(hours=2),
        updated=NOW - timedelta(hours=2) + timedelta(minutes=version),
        status=status,
        lines=[("MLB3001", 2, Decimal("35.00"))],
        pack_id=pack_id,
        shipment_id=shipment_id,
    )
    raw["order_items"][0]["item"]["seller_sku"] = sku
    return raw


def shipment(
    ml_id: int = SHIPMENT, *, status: str = "ready_to_ship", substatus: str | None = "ready_to_print", version: int = 1
) -> dict[str, Any]:
    created = NOW - timedelta(hours=2)
    raw = payloads.shipment(
        ml_id,
        created=created,
        updated=created + timedelta(minutes=version),
        status=status,
        substatus=substatus,
        handling_limit=created + timedelta(hours=24),
    )
    raw["dimensions"] = {"height": 28, "width": 10, "length": 12, "weight": 520}
    raw["destination"] = {"receiver_name": "João Pereira da Silva", "receiver_phone": "+55 11 98765-4321"}
    return raw


async def hub_on(db: Database, account: MeliAccount) -> None:
    async with db.tenant(account.tenant_id) as session:
        for flag in Flag:
            await flags.set_flag(session, owner_of(account), flag.value, True)


async def arrive(db: Database, account: MeliAccount, *raws: tuple[str, dict[str, Any]]) -> None:
    """Apply payloads as notifications, in order (``("order", raw)``, ``("shipment", raw)``)."""
    for kind, raw in raws:
        await notify(db, account, kind, raw)


async def hub_orders(db: Database, account: MeliAccount) -> list[HubOrder]:
    async with db.tenant(account.tenant_id) as session:
        return list((await session.exec(select(HubOrder).order_by(col(HubOrder.created_at)))).all())


async def only_hub_order(db: Database, account: MeliAccount) -> HubOrder:
    found = await hub_orders(db, account)
    assert len(found) == 1, found
    return found[0]


async def lines_of(db: Database, account: MeliAccount, hub_order: HubOrder) -> list[HubOrderLine]:
    async with db.tenant(account.tenant_id) as session:
        query = select(HubOrderLine).where(col(HubOrderLine.hub_order_id) == hub_order.id)
        return list((await session.exec(query)).all())


async def volumes_of(db: Database, account: MeliAccount, hub_order: HubOrder) -> list[HubVolume]:
    async with db.tenant(account.tenant_id) as session:
        query = select(HubVolume).where(col(HubVolume.hub_order_id) == hub_order.id).order_by(col(HubVolume.number))
        return list((await session.exec(query)).all())


async def notifications_of(db: Database, account: MeliAccount) -> list[HubNotification]:
    async with db.tenant(account.tenant_id) as session:
        query = select(HubNotification).order_by(col(HubNotification.created_at))
        return list((await session.exec(query)).all())
