"""The operations floor: today's sales beside the 7 days before, and what needs doing now.

Everything is counted by PostgreSQL (COUNT/SUM with GROUP BY), in the tenant's time zone through
``AT TIME ZONE`` (``timezone(zone, …)``); no order, shipment, question or listing row reaches Python.
Each figure is limited to the tenant (row-level security, and ``tenant_id`` as defence in depth and for
the indexes) and to the Mercado Livre accounts the caller may (and asked to) see, as the lists are.

The rules (docs/graphql.md, "The floor"):

- an order **counts** when its status is not ``cancelled`` or ``invalid``; **GMV** is the sum of
  ``total_amount`` (items, without shipping) of the counted orders whose status is ``paid``;
- **today** runs from the local midnight up to now; each of the 7 days before runs from its local midnight
  up to the same local time of day (like for like: by 10:30 today against by 10:30 on those days);
- a **currency** is listed when some counted order in it was created from the local midnight 7 days
  ago up to now (its row may then be all zeros, when those orders fell after the time-of-day cut);
- an **open shipment** is ``pending``, ``handling`` or ``ready_to_ship``: to dispatch today when its
  ``handling_limit`` is from now to the next local midnight, late when it is before now;
- a **shipment exception** is as ``melihub.shipments.exceptions`` defines it, counted per exception;
- a **listing out of stock** has ``available_quantity`` 0 and is ``active`` (just sold out: Mercado Livre
  is about to pause it) or ``paused`` with sub-status ``out_of_stock`` (reference §5.1); paused for any
  other reason, or closed, it is not counted.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, DateTime, Time, and_, any_, case, cast, func, literal, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Tenant
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing
from melihub.db.base import utcnow
from melihub.db.paging import account_condition
from melihub.orders.models import Order
from melihub.questions.models import Question
from melihub.shipments.exceptions import ShipmentException, exception_condition
from melihub.shipments.models import OPEN_STATUSES, Shipment

DAYS_BEFORE = 7
NOT_COUNTED = ("cancelled", "invalid")
PAID = "paid"
UNANSWERED = "UNANSWERED"
OUT_OF_STOCK = "out_of_stock"
ZERO = Decimal("0.00")  # what a day without paid orders sums to, with the scale stored amounts have


@dataclass(frozen=True)
class DayFigures:
    day: date
    orders: int
    gmv: Decimal


@dataclass(frozen=True)
class SalesFigures:
    """One currency: today and the 7 days before, oldest first (today is the last)."""

    currency: str
    days: list[DayFigures]

    @property
    def today(self) -> DayFigures:
        return self.days[-1]


@dataclass(frozen=True)
class FloorFigures:
    time_zone: str
    generated_at: datetime
    sales: list[SalesFigures]
    shipments_to_dispatch_today: int
    shipments_late: int
    unanswered_questions: int
    oldest_unanswered_question_at: datetime | None
    listings_out_of_stock: int
    shipment_exceptions: dict[ShipmentException, int]  # every exception, zero included


@dataclass(frozen=True)
class Clock:
    """``now`` on the tenant's wall clock, as PostgreSQL's time zone data reads it."""

    time_zone: str
    now: datetime
    today: date
    time_of_day: time
    first_midnight: datetime  # the local midnight DAYS_BEFORE days before today
    next_midnight: datetime  # the local midnight that ends today

    @property
    def days(self) -> list[date]:
        return [self.today - timedelta(days=back) for back in range(DAYS_BEFORE, -1, -1)]


async def floor_figures(
    session: AsyncSession,
    principal: Principal,
    *,
    meli_account_ids: Sequence[uuid.UUID] | None = None,
    now: datetime | None = None,
) -> FloorFigures:
    """The floor of the caller's tenant at ``now`` (default: this instant), in six statements."""
    principal.require(Permission.READ)
    clock = await tenant_clock(session, principal.tenant_id, now or utcnow())
    to_dispatch, late = await _open_shipments(session, principal, meli_account_ids, clock)
    unanswered, oldest = await _unanswered_questions(session, principal, meli_account_ids)
    return FloorFigures(
        time_zone=clock.time_zone,
        generated_at=clock.now,
        sales=await _sales(session, principal, meli_account_ids, clock),
        shipments_to_dispatch_today=to_dispatch,
        shipments_late=late,
        unanswered_questions=unanswered,
        oldest_unanswered_question_at=oldest,
        listings_out_of_stock=await _listings_out_of_stock(session, principal, meli_account_ids),
        shipment_exceptions=await _shipment_exceptions(session, principal, meli_account_ids, clock.now),
    )


async def tenant_clock(session: AsyncSession, tenant_id: uuid.UUID, now: datetime) -> Clock:
    zone = col(Tenant.time_zone)
    local_now = func.timezone(zone, literal(now, DateTime(timezone=True)))  # a timestamp without zone

    def midnight(days: int) -> Any:  # the local midnight ``days`` after today's, as an instant
        return func.timezone(zone, cast(cast(local_now, Date) + days, DateTime()))

    query = select(zone, local_now, midnight(-DAYS_BEFORE), midnight(1)).where(col(Tenant.id) == tenant_id)
    time_zone, wall_clock, first_midnight, next_midnight = (await session.exec(query)).one()
    return Clock(time_zone, now, wall_clock.date(), wall_clock.time(), first_midnight, next_midnight)


def _order_windows(principal: Principal, requested: Sequence[uuid.UUID] | None, clock: Clock) -> Any:
    """Each counted order since the first midnight: currency, local day, whether it is before the day's
    cut (the local time of day it is now), and its total when it is paid."""
    local = func.timezone(clock.time_zone, col(Order.date_created))
    return (
        select(
            col(Order.currency_id).label("currency"),
            cast(local, Date).label("day"),
            (cast(local, Time) < clock.time_of_day).label("in_window"),
            case((col(Order.status) == PAID, col(Order.total_amount))).label("paid_amount"),
        )
        .where(
            col(Order.tenant_id) == principal.tenant_id,
            col(Order.date_created) >= clock.first_midnight,
            col(Order.date_created) < clock.now,
            col(Order.status).not_in(NOT_COUNTED),
            account_condition(col(Order.meli_account_id), principal, requested),
        )
        .subquery("counted")
    )


async def _sales(
    session: AsyncSession, principal: Principal, requested: Sequence[uuid.UUID] | None, clock: Clock
) -> list[SalesFigures]:
    counted = _order_windows(principal, requested, clock)
    in_window = counted.c.in_window
    query = (
        select(
            counted.c.currency,
            counted.c.day,
            func.count().filter(in_window),
            func.coalesce(func.sum(counted.c.paid_amount).filter(in_window), ZERO),
        )
        .group_by(counted.c.currency, counted.c.day)
        .order_by(counted.c.currency, counted.c.day)
    )
    found: dict[str, dict[date, DayFigures]] = {}
    for currency, day, orders, gmv in (await session.exec(query)).all():
        found.setdefault(currency, {})[day] = DayFigures(day, int(orders), Decimal(gmv))
    return [
        SalesFigures(currency, [days.get(day) or DayFigures(day, 0, ZERO) for day in clock.days])
        for currency, days in sorted(found.items())
    ]


async def _open_shipments(
    session: AsyncSession, principal: Principal, requested: Sequence[uuid.UUID] | None, clock: Clock
) -> tuple[int, int]:
    """(to dispatch by the next local midnight and not yet past, past their deadline), one index range."""
    limit = col(Shipment.handling_limit)
    query = select(func.count().filter(limit >= clock.now), func.count().filter(limit < clock.now)).where(
        col(Shipment.tenant_id) == principal.tenant_id,
        col(Shipment.status).in_(OPEN_STATUSES),
        limit < clock.next_midnight,
        account_condition(col(Shipment.meli_account_id), principal, requested),
    )
    to_dispatch, late = (await session.exec(query)).one()
    return int(to_dispatch), int(late)


async def _unanswered_questions(
    session: AsyncSession, principal: Principal, requested: Sequence[uuid.UUID] | None
) -> tuple[int, datetime | None]:
    query = select(func.count(), func.min(col(Question.date_created))).where(
        col(Question.tenant_id) == principal.tenant_id,
        col(Question.status) == UNANSWERED,
        account_condition(col(Question.meli_account_id), principal, requested),
    )
    count, oldest = (await session.exec(query)).one()
    return int(count), oldest


async def _listings_out_of_stock(
    session: AsyncSession, principal: Principal, requested: Sequence[uuid.UUID] | None
) -> int:
    status = col(Listing.status)
    paused_for_stock = and_(status == "paused", any_(col(Listing.sub_status)) == OUT_OF_STOCK)
    query = select(func.count()).where(
        col(Listing.tenant_id) == principal.tenant_id,
        col(Listing.available_quantity) == 0,
        or_(status == "active", paused_for_stock),
        account_condition(col(Listing.meli_account_id), principal, requested),
    )
    return int((await session.exec(query)).one())


async def _shipment_exceptions(
    session: AsyncSession, principal: Principal, requested: Sequence[uuid.UUID] | None, now: datetime
) -> dict[ShipmentException, int]:
    """Shipments per exception at ``now``, in one statement (the exceptions exclude each other)."""
    kinds = list(ShipmentException)
    query = select(*(func.count().filter(exception_condition(kind, now)) for kind in kinds)).where(
        col(Shipment.tenant_id) == principal.tenant_id,
        account_condition(col(Shipment.meli_account_id), principal, requested),
        or_(*(exception_condition(kind, now) for kind in kinds)),
    )
    counts: Any = (await session.exec(query)).one()
    return {kind: int(count) for kind, count in zip(kinds, counts, strict=True)}
