"""``Order.fulfilment`` and the state enum: apart from the other fulfilment types, which hold orders
(the order type imports this module, and that one imports the order type)."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry
from strawberry.dataloader import DataLoader

from melihub.accounts import queries as account_queries
from melihub.accounts.graphql.types import UserType
from melihub.accounts.service import MemberView
from melihub.fulfilment.states import FulfilmentState, order_state
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, one_per_key, then
from melihub.orders.models import Order

MEMBER_BY_USER_ID = "fulfilment.member_by_user_id"

strawberry.enum(
    FulfilmentState,
    name="FulfilmentState",
    description='Where an order stands on the way out (docs/graphql.md, "Fulfilment and labels"): TO_PICK, '
    "PICKED and PACKED are melihub's marks; SHIPPED, DELIVERED and CANCELLED come from Mercado Livre's order "
    "and shipment status and win over them.",
)


def member_by_user_id(context: Context) -> DataLoader[uuid.UUID, MemberView | None]:
    """User id → the member of the caller's tenant, None when no longer a member."""
    return one_per_key(context, MEMBER_BY_USER_ID, account_queries.members_by_ids, lambda m: m.user.id)


@strawberry.type(name="OrderFulfilment", description="An order's picking and packing; a pack's orders move together.")
class OrderFulfilmentType:
    state: FulfilmentState
    picked_at: datetime | None = strawberry.field(description="When melihub marked it picked.")
    packed_at: datetime | None = strawberry.field(description="When melihub marked it packed.")
    _picked_by: strawberry.Private[uuid.UUID | None] = None
    _packed_by: strawberry.Private[uuid.UUID | None] = None
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(description="Who marked it picked: null for an API token or a person no longer in the company.")
    def picked_by(self, info: Info) -> UserType | None:
        return self._member(info, self._picked_by)

    @strawberry.field(description="Who marked it packed: null for an API token or a person no longer in the company.")
    def packed_by(self, info: Info) -> UserType | None:
        return self._member(info, self._packed_by)

    def _member(self, info: Info, user_id: uuid.UUID | None) -> UserType | None:
        if user_id is None:
            return None
        member = load_now(member_by_user_id(self._context or info.context), user_id)
        return then(member, lambda found: UserType.of_member(found) if found else None)

    @classmethod
    def of(cls, order: Order, shipment_status: str | None, context: Context | None = None) -> OrderFulfilmentType:
        return cls(
            state=order_state(order, shipment_status),
            picked_at=order.picked_at,
            packed_at=order.packed_at,
            _picked_by=order.picked_by_user_id,
            _packed_by=order.packed_by_user_id,
            _context=context,
        )
