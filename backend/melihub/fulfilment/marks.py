"""Marking orders picked or packed: per unit (a pack's orders move together), refusals per id.

The flow (:func:`mark`), for the API, the CLI and workers alike:

1. every id names a unit (``units``); an id the caller may not see is ``NOT_FOUND``; several ids of one
   unit move it once;
2. each unit is checked against what a packing bench may do (:func:`refusal_for`): nothing cancelled,
   shipped, fulfilled by Mercado Livre, unpaid or at fraud risk; ``markPicked`` moves ``TO_PICK`` only,
   ``markPacked`` moves ``TO_PICK`` (picking it in the same move: the bench packs straight from the shelf)
   and ``PICKED``;
3. the marks are written with one conditional ``UPDATE`` per unit, so of two benches marking the same
   unit at once one moves it and the other is told it already moved; ``orderChanged`` follows the commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager, suppress
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy import Uuid, case, func, literal, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.paging import visible
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.fulfilment.states import FulfilmentState
from melihub.fulfilment.units import Ref, Unit, UnitKey, resolve_units
from melihub.orders.models import Order
from melihub.realtime.bus import Change, publish_many
from melihub.runtime import Services

MAX_IDS = 500
PAID_STATUSES = ("paid", "partially_refunded")  # what a bench may ship (reference §6.1)
FRAUD_TAG = "fraud_risk_detected"  # reference §6.1: such an order must not be shipped
MELI_WAREHOUSE = "fulfillment"  # Mercado Livre's Full: its warehouse picks and packs
ORDER_CHANGE = "order"

OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]


class Step(Enum):
    PICK = "PICKED"
    PACK = "PACKED"


@dataclass(frozen=True)
class MovedUnit:
    """A unit this call moved: its orders' ids and the state they had."""

    order_ids: list[uuid.UUID]
    before: FulfilmentState


@dataclass
class MarkOutcome:
    orders: list[Order] = field(default_factory=list)  # every order moved, as stored afterwards
    refusals: list[DomainError] = field(default_factory=list)  # one per id that did not move
    moved: list[MovedUnit] = field(default_factory=list)


Describe = Callable[[list[MovedUnit]], None]


def refusal(given: str, message: str, code: str) -> DomainError:
    """A refusal of one id: ``field`` is the id as the caller gave it."""
    return DomainError(message, field=given, code=code)


def checked_ids(ids: Sequence[str]) -> None:
    if not ids:
        raise DomainError("give at least one order or shipment id", field="ids", code="INVALID")
    if len(ids) > MAX_IDS:
        raise DomainError(f"at most {MAX_IDS} ids per call", field="ids", code="TOO_MANY")


def refusal_for(ref: Ref, unit: Unit, named: Order | None, step: Step) -> DomainError | None:
    """Why this bench step may not move the unit ``ref`` names; None when it may."""
    state = unit.state
    if named is not None and named.status in ("cancelled", "invalid"):
        return refusal(ref.given, f"order {named.ml_id} is {named.status}", "CANCELLED")
    if not unit.orders:
        return refusal(ref.given, "melihub holds no order of this shipment yet", "NO_ORDERS")
    if state is FulfilmentState.CANCELLED:
        return refusal(ref.given, "the sale is cancelled (its shipment or every order of it)", "CANCELLED")
    if state in (FulfilmentState.SHIPPED, FulfilmentState.DELIVERED):
        return refusal(ref.given, f"it is already {state.value.lower()}", "ALREADY_SHIPPED")
    if unit.shipment is not None and unit.shipment.logistic_type == MELI_WAREHOUSE:
        return refusal(ref.given, "Mercado Livre's warehouse (Full) picks and packs this shipment", "MELI_FULFILMENT")
    unpaid = [order for order in unit.live_orders if order.status not in PAID_STATUSES]
    if unpaid:
        return refusal(ref.given, f"order {unpaid[0].ml_id} is {unpaid[0].status}, not paid", "NOT_PAID")
    if any(FRAUD_TAG in order.tags for order in unit.live_orders):
        return refusal(ref.given, "Mercado Livre flagged a fraud risk: do not ship it", "FRAUD_RISK")
    if state is FulfilmentState.PACKED:
        return refusal(ref.given, "it is already packed", "ALREADY_PACKED")
    if state is FulfilmentState.PICKED and step is Step.PICK:
        return refusal(ref.given, "it is already picked", "ALREADY_PICKED")
    return None


async def mark(
    services: Services,
    principal: Principal,
    refs: Sequence[Ref],
    step: Step,
    *,
    store_in: OpenUnit | None = None,
    describe: Describe | None = None,
) -> MarkOutcome:
    """Move the units ``refs`` name by one bench step; ``store_in`` opens the transaction that writes the
    marks (a mutation's, so its audit row commits with them), ``describe`` is told what moved before it
    commits."""
    principal.require(Permission.OPERATE)
    outcome = MarkOutcome()
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        resolved = await resolve_units(session, principal, refs)
    planned: dict[UnitKey, tuple[Ref, Unit]] = {}
    for ref in refs:
        unit = resolved.units.get(ref.given)
        if unit is None:
            message = "no order or shipment with this id is visible to you"
            outcome.refusals.append(refusal(ref.given, message, "NOT_FOUND"))
            continue
        refused = refusal_for(ref, unit, resolved.named_orders.get(ref.given), step)
        if refused is not None:
            outcome.refusals.append(refused)
        else:
            planned.setdefault(unit.key, (ref, unit))
    if planned:
        opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
        with suppress(_NothingMoved):  # rolled back: every unit was moved by someone else first
            await _move(services, principal, list(planned.values()), step, opener, describe, outcome)
    return outcome


async def _move(
    services: Services,
    principal: Principal,
    planned: list[tuple[Ref, Unit]],
    step: Step,
    opener: OpenUnit,
    describe: Describe | None,
    outcome: MarkOutcome,
) -> None:
    """Write the planned units' marks in one transaction; what moved (or did not) goes into ``outcome``."""
    async with opener() as work:
        for ref, unit in planned:
            moved = await _write_marks(work.session, unit, step, principal.user_id)
            if moved:
                outcome.moved.append(MovedUnit(moved, unit.state))
            else:  # another bench moved it between our read and this write
                outcome.refusals.append(refusal(ref.given, "someone else just moved it", f"ALREADY_{step.value}"))
        if not outcome.moved:
            raise _NothingMoved  # roll back: no audit row for a call that changed nothing
        moved_ids = [order_id for unit in outcome.moved for order_id in unit.order_ids]
        outcome.orders = await _orders(work.session, principal, moved_ids)
        if describe is not None:
            describe(outcome.moved)
        changes = [_change(order) for order in outcome.orders]
        work.after_commit(lambda: publish_many(services.redis, changes))


class _NothingMoved(Exception):
    """Every planned unit was moved by someone else first."""


async def _write_marks(session: AsyncSession, unit: Unit, step: Step, user_id: uuid.UUID | None) -> list[uuid.UUID]:
    """Mark the unit's live orders not yet past ``step``; the ids written (none: someone was first)."""
    now = utcnow()
    ids = [order.id for order in unit.live_orders]
    statement = update(Order).where(col(Order.id).in_(ids), col(Order.packed_at).is_(None))
    if step is Step.PICK:
        statement = statement.where(col(Order.picked_at).is_(None)).values(picked_at=now, picked_by_user_id=user_id)
    else:
        not_picked = col(Order.picked_at).is_(None)
        statement = statement.values(
            packed_at=now,
            packed_by_user_id=user_id,
            picked_at=func.coalesce(col(Order.picked_at), now),
            picked_by_user_id=case((not_picked, literal(user_id, Uuid())), else_=col(Order.picked_by_user_id)),
        )
    written = await session.exec(statement.returning(col(Order.id)))
    return [row[0] for row in written.all()]


async def _orders(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> list[Order]:
    if not ids:
        return []
    query = visible(Order, principal).where(col(Order.id).in_(ids)).order_by(col(Order.ml_id))
    return list((await session.exec(query)).all())


def _change(order: Order) -> Change:
    return Change(str(order.tenant_id), ORDER_CHANGE, str(order.id), None, str(order.meli_account_id))
