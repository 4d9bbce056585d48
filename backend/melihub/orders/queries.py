"""Reading orders, their lines, payments and buyers (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.paging import (
    Ordering,
    Page,
    PageRequest,
    account_condition,
    changed_first,
    fetch_page,
    visible,
    visible_by_ids,
)
from melihub.db.search import contains, search_text
from melihub.fulfilment.states import FulfilmentState, state_column, with_shipment_status
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.shipments.exceptions import ShipmentException, any_exception_condition
from melihub.shipments.models import OPEN_STATUSES, Shipment

MAX_ML_ID_DIGITS = 18  # Mercado Livre's ids fit a bigint; a longer number is no id of theirs


@dataclass(frozen=True)
class OrderFilter:
    statuses: list[str] | None = None
    meli_account_ids: list[uuid.UUID] | None = None
    pack_id: int | None = None
    updated_since: datetime | None = None  # stored (changed) at or after this time
    fulfilment_states: list[FulfilmentState] | None = None  # any of these (melihub.fulfilment.states)
    exceptions: list[ShipmentException] | None = None  # its shipment has any of these at ``now``
    dispatch_before: datetime | None = None  # its shipment is still to dispatch, due before this
    search: str | None = None  # see :func:`search_condition`
    now: datetime | None = None  # the instant exceptions are judged at (default: the query's)


ORDER_SORTS: dict[str, Callable[[bool], Ordering]] = {
    "UPDATED_AT": lambda desc: Ordering(col(Order.synced_at), col(Order.id), desc, "UPDATED_AT"),
    "DATE_CREATED": lambda desc: Ordering(col(Order.date_created), col(Order.id), desc, "DATE_CREATED"),
    "TOTAL_AMOUNT": lambda desc: Ordering(col(Order.total_amount), col(Order.id), desc, "TOTAL_AMOUNT"),
}


async def list_orders(
    session: AsyncSession, principal: Principal, filters: OrderFilter, request: PageRequest
) -> Page[Order]:
    """Keyset-paged in the request's ordering (default: most recently changed first)."""
    principal.require(Permission.READ)
    query = visible(Order, principal, filters.meli_account_ids)
    if filters.statuses:
        query = query.where(col(Order.status).in_(filters.statuses))
    if filters.pack_id is not None:
        query = query.where(Order.pack_id == filters.pack_id)
    if filters.updated_since is not None:
        query = query.where(col(Order.synced_at) >= filters.updated_since)
    if filters.fulfilment_states:
        query, shipment_status = with_shipment_status(query)
        wanted = [state.value for state in filters.fulfilment_states]
        query = query.where(state_column(shipment_status).in_(wanted))
    if filters.exceptions:
        exception = any_exception_condition(filters.exceptions, filters.now or utcnow())
        query = query.where(_its_shipment(exception))
    if filters.dispatch_before is not None:
        due = and_(col(Shipment.status).in_(OPEN_STATUSES), col(Shipment.handling_limit) < filters.dispatch_before)
        query = query.where(_its_shipment(due))
    search = search_text(filters.search)
    if search:
        query = query.where(search_condition(principal, search))
    return await fetch_page(session, query, request.ordering or changed_first(Order), request)


def _its_shipment(condition: Any) -> Any:
    """SQL: the order's shipment (a pack's orders share one) meets ``condition``."""
    shipment = select(Shipment.id).where(
        Shipment.tenant_id == Order.tenant_id, Shipment.ml_id == Order.shipment_ml_id, condition
    )
    return shipment.exists()


def search_condition(principal: Principal, search: str) -> Any:
    """SQL: the order's, its pack's or its shipment's number is ``search``, or a line's SKU is, or the
    buyer's nickname or a line's title contains it (what a person at the packing bench has in hand)."""
    line = select(OrderItem.id).where(
        OrderItem.tenant_id == principal.tenant_id,
        OrderItem.order_id == Order.id,
        or_(col(OrderItem.sku) == search, contains(col(OrderItem.title), search)),
    )
    buyer = select(Customer.id).where(Customer.id == Order.customer_id, contains(col(Customer.nickname), search))
    matches: list[Any] = [line.exists(), buyer.exists()]
    if search.isdigit() and len(search) <= MAX_ML_ID_DIGITS:
        number = int(search)
        matches += [Order.ml_id == number, Order.pack_id == number, Order.shipment_ml_id == number]
    return or_(*matches)


async def get_order(session: AsyncSession, principal: Principal, order_id: uuid.UUID) -> Order | None:
    principal.require(Permission.READ)
    return (await session.exec(visible(Order, principal).where(Order.id == order_id))).first()


async def orders_by_ids(session: AsyncSession, principal: Principal, order_ids: Sequence[uuid.UUID]) -> list[Order]:
    """For ``node``/``nodes``: the orders with these ids the caller may see."""
    principal.require(Permission.READ)
    return await visible_by_ids(session, principal, Order, order_ids)


async def orders_by_ml_ids(session: AsyncSession, principal: Principal, ml_ids: Sequence[int]) -> list[Order]:
    """For DataLoaders: the orders with these Mercado Livre ids the caller may see."""
    principal.require(Permission.READ)
    query = visible(Order, principal).where(col(Order.ml_id).in_(list(ml_ids)))
    return list((await session.exec(query)).all())


async def orders_by_shipment_ml_ids(
    session: AsyncSession, principal: Principal, shipment_ml_ids: Sequence[int]
) -> list[Order]:
    """For DataLoaders: the orders shipped in these shipments (a pack ships several orders at once)."""
    principal.require(Permission.READ)
    query = visible(Order, principal).where(col(Order.shipment_ml_id).in_(list(shipment_ml_ids)))
    return list((await session.exec(query.order_by(col(Order.ml_id)))).all())


async def orders_by_pack_ids(session: AsyncSession, principal: Principal, pack_ids: Sequence[int]) -> list[Order]:
    """For DataLoaders: the orders of these packs (orders bought together), in ML id order."""
    principal.require(Permission.READ)
    query = visible(Order, principal).where(col(Order.pack_id).in_(list(pack_ids)))
    return list((await session.exec(query.order_by(col(Order.pack_id), col(Order.ml_id)))).all())


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
    """For DataLoaders and ``node``: buyers by our customer id, who bought on an account the caller sees."""
    principal.require(Permission.READ)
    query = select(Customer).where(Customer.tenant_id == principal.tenant_id, col(Customer.id).in_(list(customer_ids)))
    if principal.meli_account_ids is not None:
        bought_here = select(Order.id).where(
            Order.customer_id == Customer.id, account_condition(col(Order.meli_account_id), principal, None)
        )
        query = query.where(bought_here.exists())
    return list((await session.exec(query)).all())


async def payments_by_ids(
    session: AsyncSession, principal: Principal, payment_ids: Sequence[uuid.UUID]
) -> list[Payment]:
    """For ``node``/``nodes``: payments by our id, of orders the caller may see."""
    principal.require(Permission.READ)
    query = (
        select(Payment)
        .join(Order, col(Order.id) == col(Payment.order_id))
        .where(
            Payment.tenant_id == principal.tenant_id,
            col(Payment.id).in_(list(payment_ids)),
            account_condition(col(Order.meli_account_id), principal, None),
        )
    )
    return list((await session.exec(query)).all())
