"""Reading orders, their lines, payments and buyers (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import Cursor, Page, fetch_page, visible
from melihub.orders.models import Customer, Order, OrderItem, Payment


@dataclass(frozen=True)
class OrderFilter:
    statuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    pack_id: int | None = None
    updated_since: datetime | None = None  # stored (changed) at or after this time


async def list_orders(
    session: AsyncSession, principal: Principal, filters: OrderFilter, *, first: int, after: Cursor | None = None
) -> Page[Order]:
    """Most recently changed first, keyset-paged on (synced_at, id)."""
    principal.require(Permission.READ)
    query = visible(Order, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Order.status).in_(filters.statuses))
    if filters.pack_id is not None:
        query = query.where(Order.pack_id == filters.pack_id)
    if filters.updated_since is not None:
        query = query.where(col(Order.synced_at) >= filters.updated_since)
    return await fetch_page(session, query, Order, first=first, after=after)


async def get_order(session: AsyncSession, principal: Principal, order_id: uuid.UUID) -> Order | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Order, principal).where(Order.id == order_id))).first()


async def orders_by_shipment_ml_ids(
    session: AsyncSession, principal: Principal, shipment_ml_ids: Sequence[int]
) -> list[Order]:
    """For DataLoaders: the orders shipped in these shipments (a pack ships several orders at once)."""
    principal.require(Permission.READ)
    query = visible(Order, principal).where(col(Order.shipment_ml_id).in_(list(shipment_ml_ids)))
    return list((await session.exec(query.order_by(col(Order.ml_id)))).all())


async def items_by_order_ids(
    session: AsyncSession, principal: Principal, order_ids: Sequence[uuid.UUID]
) -> list[OrderItem]:
    """For DataLoaders: the lines of these orders, in line order."""
    principal.require(Permission.READ)
    query = (
        select(OrderItem)
        .where(OrderItem.tenant_id == principal.tenant_id, col(OrderItem.order_id).in_(list(order_ids)))
        .order_by(col(OrderItem.order_id), col(OrderItem.line_no))
    )
    return list((await session.exec(query)).all())


async def payments_by_order_ids(
    session: AsyncSession, principal: Principal, order_ids: Sequence[uuid.UUID]
) -> list[Payment]:
    """For DataLoaders: the payments of these orders, oldest first."""
    principal.require(Permission.READ)
    query = (
        select(Payment)
        .where(Payment.tenant_id == principal.tenant_id, col(Payment.order_id).in_(list(order_ids)))
        .order_by(col(Payment.order_id), col(Payment.date_created).asc().nulls_last(), col(Payment.ml_id))
    )
    return list((await session.exec(query)).all())


async def customers_by_ids(
    session: AsyncSession, principal: Principal, customer_ids: Sequence[uuid.UUID]
) -> list[Customer]:
    """For DataLoaders: buyers by our customer id."""
    principal.require(Permission.READ)
    query = select(Customer).where(Customer.tenant_id == principal.tenant_id, col(Customer.id).in_(list(customer_ids)))
    return list((await session.exec(query)).all())
