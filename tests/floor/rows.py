"""Hand-built rows for the floor's tests: orders, shipments, questions and listings at chosen times."""

from __future__ import annotations

import itertools
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.catalog.models import Listing
from melihub.connections.models import MeliAccount
from melihub.orders.models import Order
from melihub.questions.models import Question
from melihub.runtime import Services
from melihub.shipments.models import Shipment

SAO_PAULO, TOKYO = "America/Sao_Paulo", "Asia/Tokyo"
_ml_ids = itertools.count(5_000_000_000)


def local(zone: str, wall_clock: str) -> datetime:
    """``local(SAO_PAULO, "2026-03-10 00:30")``: that wall-clock time in that zone, as an instant."""
    return datetime.fromisoformat(wall_clock).replace(tzinfo=ZoneInfo(zone))


def owner_of(account: MeliAccount, *, limited_to: list[MeliAccount] | None = None) -> Principal:
    accounts = frozenset(a.id for a in limited_to) if limited_to is not None else None
    return Principal(tenant_id=account.tenant_id, role=Role.OWNER, method=AuthMethod.SESSION, meli_account_ids=accounts)


def order(
    account: MeliAccount, created: datetime, *, status: str = "paid", total: str = "100.00", currency: str = "BRL"
) -> Order:
    return Order(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=next(_ml_ids),
        status=status,
        date_created=created,
        total_amount=Decimal(total),
        currency_id=currency,
    )


def shipment(account: MeliAccount, handling_limit: datetime | None, *, status: str = "ready_to_ship") -> Shipment:
    return Shipment(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=next(_ml_ids),
        status=status,
        handling_limit=handling_limit,
    )


def question(account: MeliAccount, created: datetime, *, status: str = "UNANSWERED") -> Question:
    return Question(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=next(_ml_ids),
        item_ml_id="MLB3012345601",
        status=status,
        date_created=created,
    )


def listing(account: MeliAccount, status: str, stock: int, sub_status: list[str] | None = None) -> Listing:
    return Listing(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=f"MLB{next(_ml_ids)}",
        site_id="MLB",
        status=status,
        sub_status=sub_status or [],
        currency_id="BRL",
        available_quantity=stock,
    )


async def store(services: Services, account: MeliAccount, *rows: Any) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        session.add_all(rows)
