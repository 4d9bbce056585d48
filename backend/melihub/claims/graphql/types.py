"""Claims as GraphQL types."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from melihub.claims import queries
from melihub.claims.graphql.loaders import order_ml_id_of
from melihub.claims.models import Claim
from melihub.claims.service import seller_actions
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, then
from melihub.graphql.relay import Node, global_id, register_node
from melihub.meli.values import ml_time
from melihub.orders.graphql.loaders import order_by_ml_id
from melihub.orders.graphql.types import OrderType

CLAIM_TYPE = "Claim"


@strawberry.type(name="ClaimAction", description="Something the seller may or must do on the claim.")
class ClaimActionType:
    action: str = strawberry.field(description="Mercado Livre's name, e.g. send_message_to_complainant, refund.")
    due_date: datetime | None
    mandatory: bool

    @classmethod
    def of(cls, raw: dict[str, Any]) -> ClaimActionType:
        due = ml_time(raw.get("due_date"))
        return cls(
            action=str(raw.get("action") or ""),
            due_date=due.astimezone(UTC) if due else None,  # as every other time of the API
            mandatory=bool(raw.get("mandatory")),
        )


@strawberry.type(name="Claim", description="A buyer's claim (mediation, return, cancellation) on a sale.")
class ClaimType(Node):
    ml_id: str = strawberry.field(description="Mercado Livre claim id.")
    meli_account_id: strawberry.ID
    status: str = strawberry.field(description="Mercado Livre status: opened or closed.")
    stage: str | None = strawberry.field(description="claim, dispute (Mercado Livre mediates), recontact or none.")
    type: str | None = strawberry.field(description="mediations, return, cancel_purchase…")
    reason_id: str | None = strawberry.field(description="Mercado Livre's reason code (e.g. PDD…, PNR…).")
    resource: str | None = strawberry.field(description="What the claim is about: order, shipment or payment.")
    resource_id: str | None
    buyer_ml_id: str | None = strawberry.field(description="Mercado Livre user id of the complaining buyer.")
    due_date: datetime | None = strawberry.field(
        description="The earliest due date of the seller's available actions: when the seller must act next."
    )
    seller_actions: list[ClaimActionType]
    date_created: datetime | None
    last_updated: datetime | None
    _order_ml_id: strawberry.Private[int | None] = None
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(description="The order the claim is about, when it names an order melihub holds.")
    def order(self, info: Info) -> OrderType | None:
        if self._order_ml_id is None:
            return None
        order = load_now(order_by_ml_id(self._context or info.context), self._order_ml_id)
        return then(order, lambda found: OrderType.of(found, self._context) if found else None)

    @classmethod
    def of(cls, claim: Claim, context: Context | None = None) -> ClaimType:
        return cls(
            id=global_id(CLAIM_TYPE, claim.id),
            ml_id=str(claim.ml_id),
            meli_account_id=global_id(ACCOUNT_TYPE, claim.meli_account_id),
            status=claim.status,
            stage=claim.stage,
            type=claim.type,
            reason_id=claim.reason_id,
            resource=claim.resource,
            resource_id=str(claim.resource_id) if claim.resource_id is not None else None,
            buyer_ml_id=str(claim.buyer_ml_id) if claim.buyer_ml_id is not None else None,
            due_date=claim.due_at,
            seller_actions=[ClaimActionType.of(action) for action in seller_actions(claim.raw or {})],
            date_created=claim.date_created,
            last_updated=claim.ml_last_updated,
            _order_ml_id=order_ml_id_of(claim),
            _context=context,
        )


@strawberry.input(name="ClaimFilter")
class ClaimFilterInput:
    meli_account_id: strawberry.ID | None = strawberry.field(default=None, description="Only this account's claims.")
    meli_account_ids: list[strawberry.ID] | None = None
    status: str | None = strawberry.field(default=None, description="Mercado Livre status: opened or closed.")


register_node(CLAIM_TYPE, queries.claims_by_ids, ClaimType.of)
