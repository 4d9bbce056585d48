"""Where one buyer's data lives in a tenant: the ids that find it in each domain's tables.

A buyer is a ``customers`` row (the API's ``Customer`` node); everything else is found from its Mercado Livre
user id: their orders (and so their packs and shipments), the messages they sent or were sent, the questions
they asked, their claims, the hub orders of their packs, and the notifications about any of those.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import Principal
from melihub.errors import DomainError

# The notifications about the buyer's resources (``/orders/123``, ``/questions/456``…), by the path's last
# segment: an id of another kind that happens to be equal only widens what is scrubbed, never what is kept.
EVENTS_OF_BUYER = "t.source = 'meli' AND substring(t.resource FROM '([^/]+)$') = ANY(:resources)"
_CUSTOMER = text("SELECT id, ml_user_id FROM customers WHERE id = :id")
_ORDERS = text(
    "SELECT id, ml_id, pack_id, shipment_ml_id FROM orders WHERE buyer_ml_id = :buyer OR customer_id = :customer"
)
_SEEN_BY = text("SELECT 1 FROM orders WHERE customer_id = :customer AND meli_account_id = ANY(:accounts) LIMIT 1")
_QUESTIONS = text("SELECT ml_id FROM questions WHERE from_ml_user_id = :buyer")
_CLAIMS = text("SELECT ml_id FROM claims WHERE buyer_ml_id = :buyer")
_MESSAGES = text(
    "SELECT ml_id FROM messages WHERE from_ml_user_id = :buyer OR to_ml_user_id = :buyer OR pack_ml_id = ANY(:threads)"
)
_HUB_ORDERS = text("SELECT id FROM hub_orders WHERE channel = 'ML' AND external_id = ANY(:external_ids)")


@dataclass(frozen=True)
class BuyerScope:
    customer_id: uuid.UUID
    ml_user_id: int
    order_ids: list[uuid.UUID]
    order_ml_ids: list[int]
    pack_ids: list[int]
    shipment_ml_ids: list[int]
    question_ml_ids: list[int]
    claim_ml_ids: list[int]
    message_ml_ids: list[str]
    hub_order_ids: list[uuid.UUID]

    @property
    def threads(self) -> list[int]:
        """The ids messages are threaded by: packs, and orders (a sale without a pack)."""
        return sorted({*self.pack_ids, *self.order_ml_ids})

    @property
    def resource_ids(self) -> list[str]:
        """The last path segment of every notification resource about this buyer (``/orders/123`` → ``123``)."""
        ids: set[Any] = {*self.threads, *self.shipment_ml_ids, *self.question_ml_ids, *self.claim_ml_ids}
        return sorted({str(value) for value in ids} | set(self.message_ml_ids))


async def _column(session: AsyncSession, statement: Any, **params: Any) -> list[Any]:
    return [row[0] for row in (await session.exec(statement, params=params)).all()]


async def require_whole_company(session: AsyncSession, principal: Principal, customer_id: uuid.UUID) -> None:
    """A buyer's request covers every account of the company: a caller limited to some accounts cannot answer it.

    A buyer with no order on the caller's accounts is not visible to them at all (``NOT_FOUND``, as ``node``).
    """
    accounts = principal.meli_account_ids
    if accounts is None:
        return
    params = {"customer": customer_id, "accounts": list(accounts)}
    if (await session.exec(_SEEN_BY, params=params)).first() is None:  # type: ignore[call-overload]
        raise DomainError("no customer with this id is visible to you", field="customerId", code="NOT_FOUND")
    message = "this request covers every Mercado Livre account of the company; yours is limited to some"
    raise DomainError(message, code="ACCOUNTS_LIMITED")


async def buyer_scope(session: AsyncSession, customer_id: uuid.UUID) -> BuyerScope:
    """The buyer's ids in the session's tenant; ``NOT_FOUND`` on ``customerId`` when the tenant has no such buyer."""
    found = (await session.exec(_CUSTOMER, params={"id": customer_id})).first()  # type: ignore[call-overload]
    if found is None:
        raise DomainError("no customer with this id is visible to you", field="customerId", code="NOT_FOUND")
    buyer = int(found.ml_user_id)
    orders = (await session.exec(_ORDERS, params={"buyer": buyer, "customer": customer_id})).all()  # type: ignore[call-overload]
    order_ml_ids = sorted(int(o.ml_id) for o in orders)
    pack_ids = sorted({int(o.pack_id) for o in orders if o.pack_id is not None})
    threads = sorted({*order_ml_ids, *pack_ids})
    return BuyerScope(
        customer_id=customer_id,
        ml_user_id=buyer,
        order_ids=[o.id for o in orders],
        order_ml_ids=order_ml_ids,
        pack_ids=pack_ids,
        shipment_ml_ids=sorted({int(o.shipment_ml_id) for o in orders if o.shipment_ml_id is not None}),
        question_ml_ids=sorted(await _column(session, _QUESTIONS, buyer=buyer)),
        claim_ml_ids=sorted(await _column(session, _CLAIMS, buyer=buyer)),
        message_ml_ids=sorted(await _column(session, _MESSAGES, buyer=buyer, threads=threads)),
        hub_order_ids=await _column(session, _HUB_ORDERS, external_ids=[str(t) for t in threads]),
    )
